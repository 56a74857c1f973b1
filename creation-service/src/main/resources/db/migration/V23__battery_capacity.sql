-- A battery's rated capacity (Wh), from its specification: EN-R-002's battery rule withholds it
-- (the most the battery could have held, from any source, when a period began). Only batteries have
-- one (Device.check); batteries registered before this column have none, and a report refuses them
-- until it is given.
ALTER TABLE devices ADD COLUMN capacity_wh BIGINT CHECK (capacity_wh IS NULL OR capacity_wh > 0);
