-- Phase 2 detects a changed raw file by its size and modification time (ms since the
-- epoch, UTC), like make and rsync do, so skipping loaded files needs no read.
ALTER TABLE loaded_files ADD COLUMN mtime_ms BIGINT;
