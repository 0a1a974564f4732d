-- Tables every storage path shares: reference data, trips and their corrections, low-volume derived events, and the
-- offsets each sink batch covered. Natural keys are primary keys, so a re-delivered batch upserts instead of duplicating.

CREATE TABLE locations (
    sensor_id   text PRIMARY KEY,
    factory     text NOT NULL,
    building    text NOT NULL,
    floor       text NOT NULL,
    loc_id      text NOT NULL,
    area        text NOT NULL,
    sensor_type text NOT NULL
);
-- Realtime snapshots and hourly rollups select by any level of the hierarchy.
CREATE INDEX locations_hierarchy ON locations (factory, building, floor, loc_id);
CREATE INDEX locations_loc_id ON locations (loc_id);

CREATE TABLE machines (
    machine_id    text PRIMARY KEY,
    first_seen_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE thresholds (
    sensor_type    text NOT NULL,
    metric         text NOT NULL,
    unit           text NOT NULL,
    warning_above  float8,
    critical_above float8,
    warning_below  float8,
    critical_below float8,
    updated_at     timestamptz NOT NULL,
    PRIMARY KEY (sensor_type, metric)
);

CREATE TABLE trips (
    truck_id          text NOT NULL,
    trip_id           uuid NOT NULL,
    trip_date         date NOT NULL,
    odometer_start_km float8,
    odometer_end_km   float8,
    distance_km       float8,
    fuel_litres       float8,
    fuel_cost         numeric(14, 2),
    toll              numeric(14, 2),
    revenue           numeric(14, 2),
    origin            text NOT NULL,
    destination       text NOT NULL,
    entered_at        timestamptz NOT NULL,
    PRIMARY KEY (truck_id, trip_id)
);
-- Monthly summaries per truck.
CREATE INDEX trips_truck_date ON trips (truck_id, trip_date);

-- Accepted corrections of hand-typed trip values, one per (trip, field); field 'row' marks the trip as a duplicate entry.
CREATE TABLE trip_corrections (
    truck_id        text NOT NULL,
    trip_id         uuid NOT NULL,
    field           text NOT NULL,
    original_value  float8,
    corrected_value float8,
    kind            text NOT NULL,
    score           float8 NOT NULL,
    anomaly_id      uuid NOT NULL,
    accepted_by     text NOT NULL,
    accepted_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (truck_id, trip_id, field)
);

-- Trips with every accepted correction applied; duplicate entries are flagged, not hidden, so summaries choose.
CREATE VIEW trips_corrected AS
SELECT t.truck_id,
       t.trip_id,
       t.trip_date,
       COALESCE(c.odometer_start_km, t.odometer_start_km) AS odometer_start_km,
       COALESCE(c.odometer_end_km, t.odometer_end_km)     AS odometer_end_km,
       COALESCE(c.distance_km, t.distance_km)             AS distance_km,
       COALESCE(c.fuel_litres, t.fuel_litres)             AS fuel_litres,
       COALESCE(c.fuel_cost::numeric(14, 2), t.fuel_cost) AS fuel_cost,
       t.toll,
       COALESCE(c.revenue::numeric(14, 2), t.revenue)     AS revenue,
       t.origin,
       t.destination,
       t.entered_at,
       COALESCE(c.is_duplicate, false)                    AS is_duplicate,
       COALESCE(c.corrections, 0)                         AS corrections
FROM trips t
LEFT JOIN LATERAL (
    SELECT max(corrected_value) FILTER (WHERE field = 'odometer_start_km') AS odometer_start_km,
           max(corrected_value) FILTER (WHERE field = 'odometer_end_km')   AS odometer_end_km,
           max(corrected_value) FILTER (WHERE field = 'distance_km')       AS distance_km,
           max(corrected_value) FILTER (WHERE field = 'fuel_litres')       AS fuel_litres,
           max(corrected_value) FILTER (WHERE field = 'fuel_cost')         AS fuel_cost,
           max(corrected_value) FILTER (WHERE field = 'revenue')           AS revenue,
           bool_or(field = 'row')                                          AS is_duplicate,
           count(*)                                                        AS corrections
    FROM trip_corrections tc
    WHERE tc.truck_id = t.truck_id AND tc.trip_id = t.trip_id
) c ON true;

CREATE TABLE status_changes (
    entity_id      text NOT NULL,
    metric         text NOT NULL,
    event_time     timestamptz NOT NULL,
    sensor_type    text NOT NULL,
    previous_level text,
    level          text NOT NULL,
    value          float8 NOT NULL,
    threshold      float8,
    PRIMARY KEY (entity_id, metric, event_time)
);

CREATE TABLE anomalies (
    anomaly_id     uuid PRIMARY KEY,
    source_topic   text NOT NULL,
    entity_id      text NOT NULL,
    event_time     timestamptz NOT NULL,
    kind           text NOT NULL,
    field          text NOT NULL,
    observed_value float8,
    expected_value float8,
    score          float8 NOT NULL,
    details        jsonb NOT NULL
);
CREATE INDEX anomalies_entity_time ON anomalies (entity_id, event_time);

CREATE TABLE dead_letters (
    source_topic     text NOT NULL,
    source_partition integer NOT NULL,
    source_offset    bigint NOT NULL,
    processor        text NOT NULL,
    source_timestamp timestamptz,
    key              bytea,
    value            bytea,
    header_keys      text[] NOT NULL,
    header_values    bytea[] NOT NULL,
    error_reason     text NOT NULL,
    error_message    text NOT NULL,
    failed_at        timestamptz NOT NULL,
    PRIMARY KEY (source_topic, source_partition, source_offset, processor)
);

-- The next offset to read per consumer group and input partition, written in the transaction of the batch it covers:
-- what the database holds is exactly what these offsets say, whatever happened to the Kafka commit after it.
CREATE TABLE sink_offsets (
    consumer_group text NOT NULL,
    topic          text NOT NULL,
    partition      integer NOT NULL,
    next_offset    bigint NOT NULL,
    updated_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer_group, topic, partition)
);
