-- Retention on TimescaleDB as a setting, and late data in environment_hourly.
--
-- Migration 2 fixed retention (raw vibration 90 days, raw environment 400 days) and refreshed environment_hourly over
-- the last 3 days only: readings older than that (an import, a replay, a sensor that caught up late) were written but
-- never materialized, and real-time aggregation covers only the hours after the materialized ones, so they stayed out
-- of environment_hourly for good. The refresh window now reaches back to the retention horizon (refreshing only hours
-- that changed, so a long window costs nothing when nothing old arrives), two days short of it: a refresh over raw
-- chunks that retention already dropped would empty those hours of the aggregate.
--
-- apply_retention(table, keep) makes a table's retention policy match its Sinks:Retention setting (NULL: none) and,
-- for environment_readings, moves the refresh window with it. The sink calls it at start and every maintenance
-- interval; it changes nothing when the policies already match.

CREATE FUNCTION environment_hourly_refresh_window(keep interval) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    wanted  interval := CASE WHEN keep IS NULL THEN NULL ELSE keep - INTERVAL '2 days' END;
    job     record;
BEGIN
    SELECT j.job_id, (j.config ->> 'start_offset')::interval AS start_offset INTO job
    FROM timescaledb_information.jobs j
    JOIN timescaledb_information.continuous_aggregates c
      ON c.materialization_hypertable_schema = j.hypertable_schema AND c.materialization_hypertable_name = j.hypertable_name
    WHERE j.proc_name = 'policy_refresh_continuous_aggregate' AND c.view_name = 'environment_hourly';
    IF FOUND AND job.start_offset IS NOT DISTINCT FROM wanted THEN
        RETURN 0;
    END IF;
    PERFORM remove_continuous_aggregate_policy('environment_hourly', if_exists => true);
    PERFORM add_continuous_aggregate_policy('environment_hourly',
        start_offset => wanted, end_offset => INTERVAL '1 hour', schedule_interval => INTERVAL '30 minutes');
    RETURN 1;
END
$$;

CREATE FUNCTION apply_retention(parent text, keep interval) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    current_keep interval;
    found_policy boolean;
    changed      integer := 0;
BEGIN
    IF parent NOT IN ('vibration_blocks', 'environment_readings', 'window_aggregates', 'vibration_diagnoses') THEN
        RAISE EXCEPTION '% is not a time-series table', parent;
    END IF;
    SELECT true, (j.config ->> 'drop_after')::interval INTO found_policy, current_keep
    FROM timescaledb_information.jobs j
    WHERE j.proc_name = 'policy_retention' AND j.hypertable_schema = current_schema() AND j.hypertable_name = parent;
    IF coalesce(found_policy, false) IS DISTINCT FROM (keep IS NOT NULL) OR current_keep IS DISTINCT FROM keep THEN
        PERFORM remove_retention_policy(parent::regclass, if_exists => true);
        IF keep IS NOT NULL THEN
            PERFORM add_retention_policy(parent::regclass, keep);
        END IF;
        changed := 1;
    END IF;
    IF parent = 'environment_readings' THEN
        changed := changed + environment_hourly_refresh_window(keep);
    END IF;
    RETURN changed;
END
$$;

-- Until the sink applies its settings: migration 2's retention, with the refresh window reaching back to it.
SELECT environment_hourly_refresh_window(INTERVAL '400 days');
