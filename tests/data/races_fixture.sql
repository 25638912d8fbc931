-- A hand-built race database for the feature tests (tests/core/tst_features.cpp holds
-- the expected values, computed by hand from these rows). Layout as features.md, with
-- TEXT numbers, junk values, an abandoned race, a race without results, a missing
-- runner row, a non-finisher (905/902), a NULL position, tied ratings, extra columns.
CREATE TABLE races (race_id TEXT, date TEXT, course_id TEXT, distance_f TEXT, going TEXT, is_abandoned INTEGER, race_name TEXT);
CREATE TABLE runners (race_id TEXT, horse_id TEXT, jockey_id TEXT, trainer_id TEXT, draw TEXT, lbs TEXT, ofr TEXT, horse TEXT);
CREATE TABLE results (race_id TEXT, horse_id TEXT, position_int, btn TEXT);
INSERT INTO races VALUES
  ('r0a', '2023-03-01', 'C2', '6', 'Firm', NULL, 'x'),
  ('r0b', '2023-03-02', 'C2', '6', 'Firm', 0, 'x'),
  ('r1',  '2024-01-10', 'C1', '8', 'Good', NULL, 'x'),
  ('r2',  '2024-01-10', 'C2', 10, 'Soft', NULL, 'x'),
  ('r3',  '2024-02-01', 'C1', '8.5', 'GOOD', NULL, 'x'),
  ('r4',  '2024-02-01', 'C1', '8', 'good', 1, 'abandoned'),
  ('r5',  '2024-03-01', 'C1', '12', NULL, NULL, 'x'),
  ('r7',  '2024-03-01', 'C1', '12', 'Good', NULL, 'no results'),
  ('r6',  '2025-03-01', 'C2', 'abc', 'soft', NULL, 'x');
INSERT INTO runners VALUES
  ('r0a', 'H1', 'J1', 'T1', '1', '130', '80', 'h'),
  ('r0b', 'H2', 'J1', 'T2', '1', '130', '80', 'h'),
  ('r0b', 'H3', 'J2', 'T1', '2', '130', '80', 'h'),
  ('r1',  'H1', 'J1', 'T1', '3', '130', '80', 'h'),
  ('r1',  'H2', 'J2', 'T1', '1', '126', '85', 'h'),
  ('r1',  'H3', 'J1', 'T2', '2', 'x',   '85', 'h'),
  ('r2',  'H4', 'J2', 'T2', NULL, '120', NULL, 'h'),
  ('r3',  'H1', 'J1', 'T1', '1', '130', '90', 'h'),
  ('r3',  'H2', 'J1', 'T2', '2', '130', NULL, 'h'),
  ('r3',  'H4', 'J2', 'T2', '3', NULL,  '90', 'h'),
  ('r4',  'H1', 'J1', 'T1', '1', '130', '90', 'h'),
  ('r5',  'H1', 'J1', 'T1', '1', '130', '90', 'h'),
  ('r5',  'H2', 'J2', 'T1', '2', '130', '90', 'h'),
  ('r5',  'H3', 'J1', 'T2', '3', '130', '90', 'h'),
  ('r7',  'H1', 'J1', 'T1', '1', '130', '90', 'h'),
  ('r6',  'H1', 'J1', 'T1', '1', '130', '90', 'h'),
  ('r6',  'H4', 'J2', 'T2', '2', '130', '90', 'h');
INSERT INTO results VALUES
  ('r0a', 'H1', 1, ''),
  ('r0b', 'H2', '1', ''),
  ('r0b', 'H3', 2, ''),
  ('r1',  'H1', '2', ''),
  ('r1',  'H2', 1, ''),
  ('r1',  'H3', 905, ''),
  ('r1',  'H4', NULL, ''),
  ('r2',  'H4', 1, ''),
  ('r3',  'H1', 1, ''),
  ('r3',  'H2', 3, ''),
  ('r3',  'H4', 2, ''),
  ('r4',  'H1', 1, ''),
  ('r5',  'H1', 4, ''),
  ('r5',  'H2', 1, ''),
  ('r5',  'H3', 2, ''),
  ('r6',  'H1', 1, ''),
  ('r6',  'H4', 902, '');
