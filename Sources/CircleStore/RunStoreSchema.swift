/// The tables of the run store, in the PostgreSQL schema `circle` (docs/postgis.md), and their
/// version: created when missing, refused when a newer circle made them.
enum RunStoreSchema {
    /// The version this circle writes; `circle.meta` holds the database's.
    static let version = 1

    /// An arbitrary constant: the advisory lock that serializes creating the tables.
    static let lockKey = "740215873301"

    static let create = [
        "CREATE SCHEMA IF NOT EXISTS circle",
        "CREATE TABLE IF NOT EXISTS circle.meta (key text PRIMARY KEY, value text NOT NULL)",
        """
        CREATE TABLE IF NOT EXISTS circle.runs (
            id bigserial PRIMARY KEY,
            fingerprint text NOT NULL UNIQUE,
            run_id uuid NOT NULL,
            tool_version text NOT NULL,
            catalog text NOT NULL,
            output_folder text NOT NULL,
            started_at timestamptz NOT NULL,
            seconds double precision NOT NULL,
            recorded_at timestamptz NOT NULL DEFAULT now(),
            options jsonb NOT NULL,
            timings jsonb NOT NULL,
            summary jsonb NOT NULL)
        """,
        "CREATE INDEX IF NOT EXISTS runs_started_at ON circle.runs (started_at)",
        """
        CREATE TABLE IF NOT EXISTS circle.origins (
            run bigint NOT NULL REFERENCES circle.runs (id) ON DELETE CASCADE,
            idx integer NOT NULL,
            origin text NOT NULL,
            name text NOT NULL,
            kind text NOT NULL,
            subdistrict text NOT NULL,
            area_class text NOT NULL,
            area_class_source text NOT NULL,
            mode text NOT NULL,
            population double precision,
            snap_status text NOT NULL,
            access_m double precision,
            basic_covered integer NOT NULL,
            basic_total integer NOT NULL,
            basic_score double precision NOT NULL,
            missing_items text[] NOT NULL,
            covered_items text[] NOT NULL,
            geom geometry(Point, 4326) NOT NULL,
            PRIMARY KEY (run, idx))
        """,
        "CREATE INDEX IF NOT EXISTS origins_geom ON circle.origins USING gist (geom)",
        """
        CREATE TABLE IF NOT EXISTS circle.times (
            run bigint NOT NULL,
            origin_idx integer NOT NULL,
            origin text NOT NULL,
            item text NOT NULL,
            mode text NOT NULL,
            minutes double precision,
            covered boolean)
        """,
        // The largest table (origins × items) has no foreign key or primary key: a per-row key
        // check made COPY 7 times slower. Its rows go with their run through this trigger, and a
        // run's rows are always replaced as a whole, so (run, origin_idx, item) stays unique.
        "CREATE INDEX IF NOT EXISTS times_run ON circle.times (run, origin_idx)",
        """
        CREATE OR REPLACE FUNCTION circle.delete_run_times() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            DELETE FROM circle.times WHERE run = OLD.id;
            RETURN OLD;
        END $$
        """,
        """
        DO $$ BEGIN
            IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = 'runs_delete_times') THEN
                CREATE TRIGGER runs_delete_times AFTER DELETE ON circle.runs
                    FOR EACH ROW EXECUTE FUNCTION circle.delete_run_times();
            END IF;
        END $$
        """,
        """
        CREATE TABLE IF NOT EXISTS circle.gaps (
            run bigint NOT NULL REFERENCES circle.runs (id) ON DELETE CASCADE,
            item text NOT NULL,
            cells integer NOT NULL,
            area_m2 double precision NOT NULL,
            population double precision,
            geom geometry(MultiPolygon, 4326) NOT NULL,
            PRIMARY KEY (run, item))
        """,
        "CREATE INDEX IF NOT EXISTS gaps_geom ON circle.gaps USING gist (geom)",
        """
        CREATE TABLE IF NOT EXISTS circle.subdistricts (
            run bigint NOT NULL REFERENCES circle.runs (id) ON DELETE CASCADE,
            level text NOT NULL,
            name text NOT NULL,
            origins integer NOT NULL,
            population double precision,
            origins_without_population integer NOT NULL,
            mean_basic_score double precision NOT NULL,
            all_basic_share double precision NOT NULL,
            all_basic_population_share double precision,
            missing_count integer NOT NULL,
            worst_items text[] NOT NULL,
            item_shares jsonb NOT NULL,
            item_population_shares jsonb NOT NULL,
            geom geometry(MultiPolygon, 4326),
            PRIMARY KEY (run, level, name))
        """,
    ]
}
