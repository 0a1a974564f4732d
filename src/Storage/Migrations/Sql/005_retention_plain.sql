-- Retention on plain PostgreSQL, the counterpart of TimescaleDB's retention policies: a time partition is dropped once
-- all of it is older than its table's retention. The sink calls apply_retention for every time-partitioned table at
-- start and every maintenance interval, with Sinks:Retention's settings (NULL keeps everything). Dropping a partition
-- is instant and leaves no dead rows behind, which is why retention works by whole days (raw feeds) or months.

CREATE FUNCTION apply_retention(parent text, keep interval) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    child   record;
    upper   timestamptz;
    dropped integer := 0;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM time_partitioned_tables t WHERE t.table_name = parent) THEN
        RAISE EXCEPTION '% is not a time-partitioned table', parent;
    END IF;
    IF keep IS NULL THEN
        RETURN 0;
    END IF;
    -- The same lock ensure_time_partitions takes, so a partition is never dropped while a sink creates it.
    PERFORM pg_advisory_xact_lock(hashtext('sensorstream.partitions.' || parent));
    FOR child IN
        SELECT c.relname, pg_get_expr(c.relpartbound, c.oid) AS bound
        FROM pg_inherits i
        JOIN pg_class c ON c.oid = i.inhrelid
        JOIN pg_class p ON p.oid = i.inhparent
        WHERE p.relname = parent
    LOOP
        -- The bound reads FOR VALUES FROM ('…') TO ('…'); a DEFAULT partition has none and is kept.
        upper := substring(child.bound FROM 'TO \(''([^'']+)''\)')::timestamptz;
        IF upper IS NOT NULL AND upper <= now() - keep THEN
            EXECUTE format('DROP TABLE %I', child.relname);
            dropped := dropped + 1;
        END IF;
    END LOOP;
    RETURN dropped;
END
$$;
