-- Time series on TimescaleDB: the same tables and columns as the plain path, as hypertables.
-- Chunk intervals: 1 day for the raw feeds (vibration blocks are the bulk: a day's chunk of a busy plant stays within
-- memory for its indexes, and a day is the unit compression and retention work on); 30 days for derived windows and
-- diagnoses, which are orders of magnitude smaller.
-- Compression after 7 days (segment by the series id, newest first); retention: raw vibration 90 days, raw
-- environment 400 days (a year plus comparisons); derived tables are kept.

CREATE EXTENSION IF NOT EXISTS timescaledb;

-- The tables of 002_time_series_tables.sql, created just before this, become hypertables.
SELECT create_hypertable('vibration_blocks', 'event_time', chunk_time_interval => INTERVAL '1 day');
SELECT create_hypertable('environment_readings', 'event_time', chunk_time_interval => INTERVAL '1 day');
SELECT create_hypertable('window_aggregates', 'window_start', chunk_time_interval => INTERVAL '30 days');
SELECT create_hypertable('vibration_diagnoses', 'window_start', chunk_time_interval => INTERVAL '30 days');

-- Same name and columns as the plain path's view. materialized_only = false adds the not yet materialized hours
-- (real-time aggregation), so both paths return the same rows.
CREATE MATERIALIZED VIEW environment_hourly
WITH (timescaledb.continuous, timescaledb.materialized_only = false) AS
SELECT loc_id,
       time_bucket(INTERVAL '1 hour', event_time) AS bucket,
       count(*)                     AS readings,
       max(temperature_c)           AS max_temperature_c,
       avg(temperature_c)           AS avg_temperature_c,
       max(humidity_pct)            AS max_humidity_pct,
       avg(humidity_pct)            AS avg_humidity_pct,
       max(perceived_temperature_c) AS max_perceived_temperature_c,
       avg(perceived_temperature_c) AS avg_perceived_temperature_c
FROM environment_readings
GROUP BY loc_id, time_bucket(INTERVAL '1 hour', event_time)
WITH NO DATA;
-- Hourly rows whose bucket starts in [from_time, to_time); the plain path defines the same function over raw readings.
CREATE FUNCTION environment_hourly_range(from_time timestamptz, to_time timestamptz) RETURNS SETOF environment_hourly
LANGUAGE sql STABLE AS $$
    SELECT * FROM environment_hourly WHERE bucket >= from_time AND bucket < to_time
$$;

SELECT add_continuous_aggregate_policy('environment_hourly',
    start_offset => INTERVAL '3 days', end_offset => INTERVAL '1 hour', schedule_interval => INTERVAL '30 minutes');

ALTER TABLE vibration_blocks SET (timescaledb.compress,
    timescaledb.compress_segmentby = 'machine_id, sensor_id', timescaledb.compress_orderby = 'event_time DESC');
SELECT add_compression_policy('vibration_blocks', INTERVAL '7 days');
ALTER TABLE environment_readings SET (timescaledb.compress,
    timescaledb.compress_segmentby = 'sensor_id', timescaledb.compress_orderby = 'event_time DESC');
SELECT add_compression_policy('environment_readings', INTERVAL '7 days');

SELECT add_retention_policy('vibration_blocks', INTERVAL '90 days');
SELECT add_retention_policy('environment_readings', INTERVAL '400 days');
