-- The legacy per-sample layout (one row per sample) over the block table, for tools written against the old system.
-- sensor_no is the number in the sensor id (sensor3 -> 3); measured_time spaces samples at the block's sample rate.
CREATE VIEW vibration_data AS
SELECT b.machine_id                                                     AS machine_name,
       NULLIF(regexp_replace(b.sensor_id, '[^0-9]', '', 'g'), '')::integer AS sensor_no,
       b.event_time                                                     AS collected_at,
       b.event_time + make_interval(secs => (s.ordinality - 1) / b.sample_rate_hz) AS measured_time,
       s.value::float8                                                  AS value
FROM vibration_blocks b
CROSS JOIN LATERAL unnest(b.samples) WITH ORDINALITY AS s(value, ordinality);
