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

CREATE TABLE vibration_blocks (
    machine_id      text NOT NULL,
    sensor_id       text NOT NULL,
    event_time      timestamptz NOT NULL,
    sample_rate_hz  float8 NOT NULL,
    shaft_speed_rpm float8,
    samples         real[] NOT NULL,
    PRIMARY KEY (machine_id, sensor_id, event_time)
) PARTITION BY RANGE (event_time);

CREATE TABLE environment_readings (
    sensor_id               text NOT NULL,
    loc_id                  text NOT NULL,
    event_time              timestamptz NOT NULL,
    temperature_c           float8 NOT NULL,
    humidity_pct            float8 NOT NULL,
    perceived_temperature_c float8,
    PRIMARY KEY (sensor_id, event_time)
) PARTITION BY RANGE (event_time);

CREATE TABLE window_aggregates (
    entity_id    text NOT NULL,
    entity_type  text NOT NULL,
    metric       text NOT NULL,
    window_start timestamptz NOT NULL,
    window_end   timestamptz NOT NULL,
    count        bigint NOT NULL,
    min          float8 NOT NULL,
    max          float8 NOT NULL,
    avg          float8 NOT NULL,
    late_count   bigint NOT NULL,
    rms          float8,
    status       text NOT NULL,
    PRIMARY KEY (entity_id, entity_type, metric, window_start, window_end)
) PARTITION BY RANGE (window_start);

CREATE TABLE vibration_diagnoses (
    machine_id            text NOT NULL,
    sensor_id             text NOT NULL,
    window_start          timestamptz NOT NULL,
    window_end            timestamptz NOT NULL,
    fault                 text NOT NULL,
    confidence            float8 NOT NULL,
    rms_g                 float8 NOT NULL,
    peak_g                float8 NOT NULL,
    dominant_frequency_hz float8,
    shaft_speed_rpm       float8,
    block_count           integer NOT NULL,
    crest_factor          float8,
    kurtosis              float8,
    amplitude_half_x_g    float8,
    amplitude_1x_g        float8,
    amplitude_2x_g        float8,
    amplitude_3x_g        float8,
    drivers               text[] NOT NULL,
    PRIMARY KEY (machine_id, sensor_id, window_start, window_end)
) PARTITION BY RANGE (window_start);

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
