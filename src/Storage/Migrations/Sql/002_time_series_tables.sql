-- The time-series tables, the same columns and natural keys on both storage paths. The time_partitioning placeholder
-- after each becomes native range partitioning by its column on plain PostgreSQL and nothing on TimescaleDB, whose
-- script then turns the tables into hypertables (see MigrationCatalog). Prepended to 002_time_series_plain.sql or
-- 002_time_series_timescaledb.sql.

CREATE TABLE vibration_blocks (
    machine_id      text NOT NULL,
    sensor_id       text NOT NULL,
    event_time      timestamptz NOT NULL,
    sample_rate_hz  float8 NOT NULL,
    shaft_speed_rpm float8,
    samples         real[] NOT NULL,
    PRIMARY KEY (machine_id, sensor_id, event_time)
) {{time_partitioning event_time}};

CREATE TABLE environment_readings (
    sensor_id               text NOT NULL,
    loc_id                  text NOT NULL,
    event_time              timestamptz NOT NULL,
    temperature_c           float8 NOT NULL,
    humidity_pct            float8 NOT NULL,
    perceived_temperature_c float8,
    PRIMARY KEY (sensor_id, event_time)
) {{time_partitioning event_time}};

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
) {{time_partitioning window_start}};

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
) {{time_partitioning window_start}};
