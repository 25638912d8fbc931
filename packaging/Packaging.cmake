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
  # AppStream metadata for software centres; its launchable is the .desktop file above.
  install(FILES ${BFS_PACKAGING_DIR}/linux/org.backfillstudio.BackfillStudio.metainfo.xml
          DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)

  # Debian policy 12.5/12.7: a machine-readable copyright file and the changelog, gzipped
  # with -9n (no name, no time stamp: the same bytes on every build).
  find_program(BFS_GZIP gzip REQUIRED)
  set(BFS_DOC_DIR ${CMAKE_INSTALL_DATADIR}/doc/backfill-studio)
  set(BFS_GEN_DIR ${CMAKE_BINARY_DIR}/packaging)
  install(FILES ${BFS_PACKAGING_DIR}/copyright DESTINATION ${BFS_DOC_DIR})
  add_custom_command(OUTPUT ${BFS_GEN_DIR}/changelog.gz
    COMMAND ${CMAKE_COMMAND} -E copy ${BFS_PACKAGING_DIR}/changelog ${BFS_GEN_DIR}/changelog
    COMMAND ${BFS_GZIP} -9nf ${BFS_GEN_DIR}/changelog
    DEPENDS ${BFS_PACKAGING_DIR}/changelog
    COMMENT "Compressing the Debian changelog" VERBATIM)
  set(BFS_GENERATED_DOCS ${BFS_GEN_DIR}/changelog.gz)
  install(FILES ${BFS_GEN_DIR}/changelog.gz DESTINATION ${BFS_DOC_DIR})

  # Man pages from each binary's own --help and --version (help2man). Without help2man
  # the build goes on without them (and packaging_deb reports them missing).
  find_program(BFS_HELP2MAN help2man)
  if(BFS_HELP2MAN)
    set(BFS_MAN_backfill-studio "desktop application for historical sports-data jobs")
    set(BFS_MAN_backfill-studio-cli "run Backfill Studio jobs from the command line")
    foreach(exe backfill-studio backfill-studio-cli)
      if(NOT TARGET ${exe})
        continue()
      endif()
      set(page ${BFS_GEN_DIR}/${exe}.1.gz)
      add_custom_command(OUTPUT ${page}
        COMMAND ${BFS_PACKAGING_DIR}/man-page.sh ${BFS_HELP2MAN} $<TARGET_FILE:${exe}> ${BFS_MAN_${exe}} ${page}
        DEPENDS ${exe} ${BFS_PACKAGING_DIR}/man-page.sh
        COMMENT "Generating the ${exe}(1) man page" VERBATIM)
      list(APPEND BFS_GENERATED_DOCS ${page})
      install(FILES ${page} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
    endforeach()
  else()
    message(STATUS "help2man not found: the man pages are not generated (apt-get install help2man)")
  endif()
  add_custom_target(packaging_docs ALL DEPENDS ${BFS_GENERATED_DOCS})
endif()

# The values CMake substitutes into macos/Info.plist.in for the bundle (one list, so the
# Linux test of the template below uses exactly what the macOS build uses). CMake sets
# MACOSX_BUNDLE_EXECUTABLE_NAME itself, from the target's OUTPUT_NAME.
set(BFS_BUNDLE_EXECUTABLE "Backfill Studio")
set(BFS_BUNDLE_PROPERTIES
  MACOSX_BUNDLE_GUI_IDENTIFIER org.backfillstudio.BackfillStudio
  MACOSX_BUNDLE_BUNDLE_NAME "Backfill Studio"
  MACOSX_BUNDLE_ICON_FILE backfill-studio.icns
  MACOSX_BUNDLE_SHORT_VERSION_STRING ${PROJECT_VERSION}
  MACOSX_BUNDLE_BUNDLE_VERSION ${PROJECT_VERSION}
  MACOSX_BUNDLE_COPYRIGHT "Copyright 2026 Backfill Studio developers")

if(APPLE AND TARGET backfill-studio)
  # A real bundle: Info.plist from our template, the icon in Contents/Resources, and the
  # Qt frameworks and plugins copied in by Qt's deploy script (macdeployqt underneath).
  set(BFS_ICNS ${BFS_PACKAGING_DIR}/macos/backfill-studio.icns)
  target_sources(backfill-studio PRIVATE ${BFS_ICNS})
  set_source_files_properties(${BFS_ICNS} TARGET_DIRECTORY backfill-studio PROPERTIES MACOSX_PACKAGE_LOCATION Resources)
  set_target_properties(backfill-studio PROPERTIES
    OUTPUT_NAME "${BFS_BUNDLE_EXECUTABLE}"
    MACOSX_BUNDLE_INFO_PLIST ${BFS_PACKAGING_DIR}/macos/Info.plist.in
    ${BFS_BUNDLE_PROPERTIES})
  # The command-line twin ships inside the bundle, next to the app's executable, so it
  # finds the same deployed frameworks: Homebrew's Qt links by @rpath, and the deploy
  # script only rewrites the app's executable, so the CLI gets the bundle's Frameworks as rpath.
  set_target_properties(backfill-studio-cli PROPERTIES INSTALL_RPATH "@executable_path/../Frameworks")
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
  # CPack puts the summary above this as the synopsis line. Lintian wants every line of
  # the extended description within 80 columns; these stay under 72.
  set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
"Backfill Studio runs long historical sports-data jobs on your own
machine: it scrapes historical MLB pitcher-strikeout lines from The Odds
API, loads them into SQLite, grades predictions against them (hit rate,
confidence interval, ROI, go / no-go) and generates horse-racing
features in parallel. Includes the desktop application and the
backfill-studio-cli command.")
  # control.tar members with the modes policy asks for (md5sums 0644, scripts 0755), and
  # directories 0755 whatever the umask of whoever runs cpack (0002 would give 0775).
  set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
  set(CPACK_INSTALL_DEFAULT_DIRECTORY_PERMISSIONS
      OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
  # Linked libraries (Qt 6 core, widgets, charts, sql, network, SQLite…) come from
  # dpkg-shlibdeps; the plugins Qt loads at run time are not linked, so they are named
  # here: the SQLite driver, the platform plugins and SVG icons.
  set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
  set(CPACK_DEBIAN_PACKAGE_DEPENDS "libqt6sql6-sqlite, qt6-qpa-plugins, libqt6svg6")
  set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "xdg-utils")
endif()

include(CPack)

# ---- Packaging tests (label "packaging") ----------------------------------------------
# The package check runs with the tests on Debian-like systems (dpkg-deb). It fails, with
# the package to install, when lintian, appstreamcli or help2man's pages are missing.
if(BFS_BUILD_TESTS AND BFS_BUILD_GUI AND UNIX AND NOT APPLE)
  find_program(BFS_DPKG_DEB dpkg-deb)
  if(BFS_DPKG_DEB)
    add_test(NAME packaging_deb COMMAND ${BFS_PACKAGING_DIR}/check-deb.sh ${CMAKE_BINARY_DIR})
    set_tests_properties(packaging_deb PROPERTIES TIMEOUT 900 LABELS packaging)
  endif()
endif()

# The bundle's Info.plist and icon. On macOS the test reads the Info.plist CMake wrote into
# the built app; elsewhere the template is configured here the way CMake does it for a
# MACOSX_BUNDLE target (configure_file semantics, ${VAR} and @VAR@, with the target's
# MACOSX_BUNDLE_* properties as variables), so the real template is checked with the real values.
if(BFS_BUILD_TESTS AND BFS_BUILD_GUI)
  find_package(Python3 COMPONENTS Interpreter)
  if(Python3_Interpreter_FOUND)
    if(APPLE)
      set(BFS_INFO_PLIST "$<TARGET_BUNDLE_CONTENT_DIR:backfill-studio>/Info.plist")
      set(BFS_TESTED_ICNS "$<TARGET_BUNDLE_CONTENT_DIR:backfill-studio>/Resources/backfill-studio.icns")
    else()
      function(bfs_configure_info_plist output)
        set(MACOSX_BUNDLE_EXECUTABLE_NAME ${BFS_BUNDLE_EXECUTABLE})
        set(properties ${BFS_BUNDLE_PROPERTIES})
        while(properties)
          list(POP_FRONT properties name value)
          set(${name} "${value}")
        endwhile()
        configure_file(${BFS_PACKAGING_DIR}/macos/Info.plist.in ${output})
      endfunction()
      set(BFS_INFO_PLIST ${CMAKE_BINARY_DIR}/packaging/Info.plist)
      bfs_configure_info_plist(${BFS_INFO_PLIST})
      set(BFS_TESTED_ICNS ${BFS_PACKAGING_DIR}/macos/backfill-studio.icns)
    endif()
    add_test(NAME packaging_macos_plist
             COMMAND Python3::Interpreter ${BFS_PACKAGING_DIR}/check-macos-bundle.py plist ${BFS_INFO_PLIST} ${PROJECT_VERSION})
    add_test(NAME packaging_macos_icns
             COMMAND Python3::Interpreter ${BFS_PACKAGING_DIR}/check-macos-bundle.py icns ${BFS_TESTED_ICNS})
    set_tests_properties(packaging_macos_plist packaging_macos_icns PROPERTIES TIMEOUT 60 LABELS packaging)
  else()
    message(STATUS "python3 not found: packaging_macos_plist and packaging_macos_icns are not added")
  endif()
endif()
