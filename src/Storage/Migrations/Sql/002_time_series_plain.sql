-- Time series on plain PostgreSQL: native range partitioning by time, UTC boundaries. Daily partitions for the raw
-- feeds (the volume is there, and a day is what retention drops), monthly ones for derived windows and diagnoses.
-- Partitions are created ahead by ensure_time_partitions (called by the sink at start, periodically, and for any batch
-- whose times fall outside the partitions it knows).

CREATE TABLE time_partitioned_tables (
    table_name text PRIMARY KEY,
    step       text NOT NULL CHECK (step IN ('day', 'month'))
);
INSERT INTO time_partitioned_tables (table_name, step) VALUES
    ('vibration_blocks', 'day'),
    ('environment_readings', 'day'),
    ('window_aggregates', 'month'),
    ('vibration_diagnoses', 'month');

-- Creates the missing partitions of one table covering [from_time, to_time]; returns how many it created.
CREATE FUNCTION ensure_time_partitions(parent text, from_time timestamptz, to_time timestamptz) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    step    text;
    bound   timestamp;
    upper   timestamp;
    name    text;
    created integer := 0;
BEGIN
    SELECT p.step INTO step FROM time_partitioned_tables p WHERE p.table_name = parent;
    IF step IS NULL THEN
        RAISE EXCEPTION '% is not a time-partitioned table', parent;
    END IF;
    -- Two sinks may extend the same table at once; CREATE TABLE IF NOT EXISTS alone still races in the catalog.
    PERFORM pg_advisory_xact_lock(hashtext('sensorstream.partitions.' || parent));
    bound := date_trunc(step, from_time AT TIME ZONE 'UTC');
    WHILE bound <= to_time AT TIME ZONE 'UTC' LOOP
        upper := bound + ('1 ' || step)::interval;
        name := parent || '_' || to_char(bound, CASE step WHEN 'day' THEN 'YYYYMMDD' ELSE 'YYYYMM' END);
        IF to_regclass(quote_ident(name)) IS NULL THEN
            EXECUTE format('CREATE TABLE %I PARTITION OF %I FOR VALUES FROM (%L) TO (%L)',
                name, parent, bound AT TIME ZONE 'UTC', upper AT TIME ZONE 'UTC');
            created := created + 1;
        END IF;
        bound := upper;
    END LOOP;
    RETURN created;
END
$$;

-- Hourly MAX/AVG per location straight from the readings; the TimescaleDB path keeps the same view name and columns
-- as a continuous aggregate, so queries do not know which path they run on.
CREATE VIEW environment_hourly AS
SELECT loc_id,
       date_bin(INTERVAL '1 hour', event_time, TIMESTAMPTZ '2000-01-01 00:00:00+00') AS bucket,
       count(*)                     AS readings,
       max(temperature_c)           AS max_temperature_c,
       avg(temperature_c)           AS avg_temperature_c,
       max(humidity_pct)            AS max_humidity_pct,
       avg(humidity_pct)            AS avg_humidity_pct,
       max(perceived_temperature_c) AS max_perceived_temperature_c,
       avg(perceived_temperature_c) AS avg_perceived_temperature_c
FROM environment_readings
GROUP BY loc_id, date_bin(INTERVAL '1 hour', event_time, TIMESTAMPTZ '2000-01-01 00:00:00+00');

-- Hourly rows whose bucket starts in [from_time, to_time). Filtering the view by bucket cannot prune partitions (the
-- bucket is an expression of event_time), so range queries go through this function, which filters event_time
-- itself; the TimescaleDB path defines the same function over its continuous aggregate.
CREATE FUNCTION environment_hourly_range(from_time timestamptz, to_time timestamptz) RETURNS SETOF environment_hourly
LANGUAGE sql STABLE AS $$
    SELECT loc_id,
           date_bin(INTERVAL '1 hour', event_time, TIMESTAMPTZ '2000-01-01 00:00:00+00') AS bucket,
           count(*), max(temperature_c), avg(temperature_c), max(humidity_pct), avg(humidity_pct),
           max(perceived_temperature_c), avg(perceived_temperature_c)
    FROM environment_readings
    WHERE event_time >= from_time - INTERVAL '1 hour' AND event_time < to_time
      AND date_bin(INTERVAL '1 hour', event_time, TIMESTAMPTZ '2000-01-01 00:00:00+00') >= from_time
    GROUP BY loc_id, date_bin(INTERVAL '1 hour', event_time, TIMESTAMPTZ '2000-01-01 00:00:00+00')
$$;
