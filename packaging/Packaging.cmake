# Installation layout and packages: a Debian package on Linux (cpack -G DEB), an .app
# bundle in a disk image on macOS (cpack -G DragNDrop). Included by the top CMakeLists.
include(GNUInstallDirs)

set(BFS_PACKAGING_DIR ${CMAKE_CURRENT_LIST_DIR})
set(BFS_ICON_SIZES 16 22 24 32 48 64 128 256 512)

if(UNIX AND NOT APPLE)
  # Desktop integration (freedesktop.org): the menu entry and the hicolor theme icons.
  install(FILES ${BFS_PACKAGING_DIR}/linux/backfill-studio.desktop DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
  foreach(size ${BFS_ICON_SIZES})
    install(FILES ${BFS_PACKAGING_DIR}/linux/icons/hicolor/${size}x${size}/apps/backfill-studio.png
            DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/${size}x${size}/apps)
  endforeach()
  install(FILES ${CMAKE_SOURCE_DIR}/resources/icons/backfill-studio.svg
          DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)
endif()

if(APPLE AND TARGET backfill-studio)
  # A real bundle: Info.plist from our template, the icon in Contents/Resources, and the
  # Qt frameworks and plugins copied in by Qt's deploy script (macdeployqt underneath).
  set(BFS_ICNS ${BFS_PACKAGING_DIR}/macos/backfill-studio.icns)
  target_sources(backfill-studio PRIVATE ${BFS_ICNS})
  set_source_files_properties(${BFS_ICNS} TARGET_DIRECTORY backfill-studio PROPERTIES MACOSX_PACKAGE_LOCATION Resources)
  set_target_properties(backfill-studio PROPERTIES
    OUTPUT_NAME "Backfill Studio"
    MACOSX_BUNDLE_INFO_PLIST ${BFS_PACKAGING_DIR}/macos/Info.plist.in
    MACOSX_BUNDLE_GUI_IDENTIFIER org.backfillstudio.BackfillStudio
    MACOSX_BUNDLE_BUNDLE_NAME "Backfill Studio"
    MACOSX_BUNDLE_EXECUTABLE_NAME "Backfill Studio"
    MACOSX_BUNDLE_ICON_FILE backfill-studio.icns
    MACOSX_BUNDLE_SHORT_VERSION_STRING ${PROJECT_VERSION}
    MACOSX_BUNDLE_BUNDLE_VERSION ${PROJECT_VERSION}
    MACOSX_BUNDLE_COPYRIGHT "Backfill Studio contributors")
  # The command-line twin ships inside the bundle, next to the app's executable, so it
  # finds the same deployed frameworks.
  install(TARGETS backfill-studio-cli RUNTIME DESTINATION "Backfill Studio.app/Contents/MacOS")
  qt_generate_deploy_app_script(TARGET backfill-studio OUTPUT_SCRIPT BFS_DEPLOY_SCRIPT NO_UNSUPPORTED_PLATFORM_ERROR)
  install(SCRIPT ${BFS_DEPLOY_SCRIPT})
endif()

# ---- CPack -------------------------------------------------------------------------
set(CPACK_PACKAGE_NAME backfill-studio)
set(CPACK_PACKAGE_VENDOR "Backfill Studio")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Odds backfill, hit-rate evaluation and feature generation")
set(CPACK_PACKAGE_HOMEPAGE_URL "https://github.com/backfill-studio/backfill-studio")
set(CPACK_PACKAGE_CONTACT "Backfill Studio maintainers <maintainers@backfill-studio.invalid>")
set(CPACK_PACKAGE_INSTALL_DIRECTORY "Backfill Studio")
set(CPACK_STRIP_FILES ON)
set(CPACK_SOURCE_IGNORE_FILES "/build.*/" "/\\\\.git/" "/\\\\.cache/")

if(APPLE)
  set(CPACK_GENERATOR DragNDrop)
  set(CPACK_DMG_VOLUME_NAME "Backfill Studio")
  set(CPACK_DMG_FORMAT UDZO)
else()
  set(CPACK_GENERATOR DEB)
  set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
  set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
  set(CPACK_DEBIAN_PACKAGE_SECTION science)
  set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
  # CPack puts the summary above this as the synopsis line.
  set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
"Backfill Studio runs long historical sports-data jobs on your own machine: it
scrapes historical MLB pitcher-strikeout lines from The Odds API, loads them into
SQLite, grades predictions against them (hit rate, confidence interval, ROI,
go / no-go) and generates horse-racing features in parallel. Includes the
desktop application and the backfill-studio-cli command.")
  # Linked libraries (Qt 6 core, widgets, charts, sql, network, SQLite…) come from
  # dpkg-shlibdeps; the plugins Qt loads at run time are not linked, so they are named
  # here: the SQLite driver, the platform plugins and SVG icons.
  set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
  set(CPACK_DEBIAN_PACKAGE_DEPENDS "libqt6sql6-sqlite, qt6-qpa-plugins, libqt6svg6")
  set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "xdg-utils")
endif()

include(CPack)

# The package check runs with the tests when the tools are there (Linux).
if(BFS_BUILD_TESTS AND BFS_BUILD_GUI AND UNIX AND NOT APPLE)
  find_program(BFS_DPKG_DEB dpkg-deb)
  if(BFS_DPKG_DEB)
    add_test(NAME packaging_deb COMMAND ${BFS_PACKAGING_DIR}/check-deb.sh ${CMAKE_BINARY_DIR})
    set_tests_properties(packaging_deb PROPERTIES TIMEOUT 600 LABELS packaging)
  endif()
endif()
