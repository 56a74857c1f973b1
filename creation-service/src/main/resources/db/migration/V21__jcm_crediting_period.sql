-- A JCM registration records the crediting period the Joint Committee registered (its first day, and the
-- first day after it), and whether the third-party entity validated and verified together, which lets
-- monitoring begin before registration. J-Credit's crediting period follows from the registration date.
ALTER TABLE project_cycle ADD COLUMN crediting_from DATE;
ALTER TABLE project_cycle ADD COLUMN crediting_until DATE;
ALTER TABLE project_cycle ADD COLUMN validated_with_verification BOOLEAN NOT NULL DEFAULT false;
