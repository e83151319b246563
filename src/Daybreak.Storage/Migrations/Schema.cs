namespace Daybreak.Storage.Migrations;

/// <summary>
/// The case store's schema, as an ordered list of migrations. Never edit a released migration: add the next one.
/// Column names follow OCSF where OCSF has one (docs/schema.md).
/// </summary>
internal static class Schema
{
    public static IReadOnlyList<Migration> All { get; } =
    [
        new(1, "events, mail items, inputs, rejections, runs", """
            CREATE TABLE events (
                record_id VARCHAR NOT NULL,
                time TIMESTAMP NOT NULL,
                tenant_uid VARCHAR,
                source VARCHAR NOT NULL,
                format VARCHAR NOT NULL,
                category VARCHAR,
                activity_name VARCHAR,
                status VARCHAR,
                status_code VARCHAR,
                status_detail VARCHAR,
                actor_kind VARCHAR,
                actor_user_uid VARCHAR,
                actor_user_name VARCHAR,
                actor_app_uid VARCHAR,
                actor_display_name VARCHAR,
                src_ip VARCHAR,
                src_country VARCHAR,
                src_city VARCHAR,
                src_asn BIGINT,
                user_agent VARCHAR,
                client_app VARCHAR,
                auth_requirement VARCHAR,
                ca_status VARCHAR,
                is_interactive BOOLEAN,
                token_issuer_type VARCHAR,
                auth_protocol VARCHAR,
                signin_type VARCHAR,
                correlation_uid VARCHAR,
                session_uid VARCHAR,
                unique_token_id VARCHAR,
                signin_activity_id VARCHAR,
                credential_key_id VARCHAR,
                mailbox_owner_upn VARCHAR,
                mailbox_guid VARCHAR,
                mail_access_type VARCHAR,
                mail_throttled BOOLEAN,
                mail_operation_count INTEGER,
                mail_client_info VARCHAR,
                mail_app_id VARCHAR,
                mail_client_app_id VARCHAR,
                targets VARCHAR,
                file VARCHAR,
                line BIGINT,
                raw VARCHAR NOT NULL
            );
            CREATE TABLE mail_items (
                record_id VARCHAR NOT NULL,
                time TIMESTAMP NOT NULL,
                mailbox_owner_upn VARCHAR,
                access_type VARCHAR,
                folder_id VARCHAR,
                folder_path VARCHAR,
                internet_message_id VARCHAR,
                size_bytes BIGINT,
                immutable_id VARCHAR
            );
            CREATE TABLE inputs (
                path VARCHAR NOT NULL,
                sha256 VARCHAR,
                bytes BIGINT,
                run_id VARCHAR NOT NULL,
                records BIGINT,
                accepted BIGINT,
                rejected BIGINT,
                ingested_at TIMESTAMP NOT NULL
            );
            CREATE TABLE rejections (
                run_id VARCHAR NOT NULL,
                file VARCHAR NOT NULL,
                line BIGINT NOT NULL,
                reason VARCHAR NOT NULL
            );
            CREATE TABLE runs (
                run_id VARCHAR NOT NULL,
                command VARCHAR NOT NULL,
                version VARCHAR NOT NULL,
                started_at TIMESTAMP NOT NULL,
                finished_at TIMESTAMP
            );
            """),
        new(2, "hunt findings: alerts and incidents of the latest hunt", """
            CREATE TABLE alerts (
                alert_id VARCHAR NOT NULL,
                run_id VARCHAR NOT NULL,
                rule VARCHAR NOT NULL,
                title VARCHAR NOT NULL,
                severity VARCHAR NOT NULL,
                time TIMESTAMP NOT NULL,
                json VARCHAR NOT NULL
            );
            CREATE TABLE incidents (
                incident_id VARCHAR NOT NULL,
                run_id VARCHAR NOT NULL,
                title VARCHAR NOT NULL,
                severity VARCHAR NOT NULL,
                first_seen TIMESTAMP NOT NULL,
                last_seen TIMESTAMP NOT NULL,
                detected_at TIMESTAMP NOT NULL,
                json VARCHAR NOT NULL
            );
            """),
        new(3, "response: containment actions ledger, employee notices", """
            CREATE SEQUENCE actions_seq;
            CREATE TABLE actions (
                seq BIGINT NOT NULL DEFAULT nextval('actions_seq'),
                incident_id VARCHAR NOT NULL,
                step_key VARCHAR NOT NULL,
                step INTEGER,
                kind VARCHAR NOT NULL,
                method VARCHAR,
                url VARCHAR,
                request_body VARCHAR,
                status INTEGER,
                response_excerpt VARCHAR,
                outcome VARCHAR NOT NULL,
                note VARCHAR,
                time TIMESTAMP NOT NULL
            );
            CREATE TABLE notices (
                incident_id VARCHAR NOT NULL,
                recipient VARCHAR NOT NULL,
                message_id VARCHAR NOT NULL,
                subject VARCHAR NOT NULL,
                body_text VARCHAR NOT NULL,
                body_html VARCHAR NOT NULL,
                state VARCHAR NOT NULL,
                reason VARCHAR,
                attempts INTEGER NOT NULL,
                queued_at TIMESTAMP NOT NULL,
                sent_at TIMESTAMP,
                updated_at TIMESTAMP NOT NULL,
                PRIMARY KEY (incident_id, recipient)
            );
            """),
        // Version 3 is taken by the containment/notices work; this one must stay 4 so both apply in order.
        new(4, "imported threat-intel indicators; who ran each run and where", """
            CREATE TABLE indicators (
                indicator_id VARCHAR NOT NULL,
                kind VARCHAR NOT NULL,
                value VARCHAR NOT NULL,
                description VARCHAR,
                source_file VARCHAR NOT NULL,
                pattern VARCHAR,
                valid_from TIMESTAMP,
                valid_until TIMESTAMP,
                imported_at TIMESTAMP NOT NULL
            );
            ALTER TABLE runs ADD COLUMN os_user VARCHAR;
            ALTER TABLE runs ADD COLUMN machine VARCHAR;
            """),
        // DuckDB picks a compression per column segment, and for raw records shorter than its zstd threshold it
        // picked FSST: on the simulated 300-user tenant the case was 386 MB with FSST raw records against 277 MB with
        // zstd, and ingest and hunt were no slower (docs/performance.md). DuckDB cannot change a stored column's
        // compression, so only a case with no events yet takes this (the column is re-created, still last, so the
        // appender's column order holds); an existing case keeps its raw records as they are.
        new(5, "raw records compressed with zstd (new cases)", """
            ALTER TABLE events DROP COLUMN raw;
            ALTER TABLE events ADD COLUMN raw VARCHAR USING COMPRESSION zstd;
            ALTER TABLE events ALTER COLUMN raw SET NOT NULL;
            """, Applies: connection => Convert.ToInt64(Migrator.Scalar(connection, "SELECT count(*) FROM (SELECT 1 FROM events LIMIT 1)")) == 0),
        // Each mail item row carried its event's mailbox owner and access type: a third of the UAL ingest is the item
        // rows, and those two copies about a quarter of that (docs/performance.md, "Eighteenth pass"). The rows now
        // hold what is the item's own (and the time, which the case reader windows them by); the view `mail_items`
        // joins the event's owner and access type back, so queries over it read the same columns as before.
        new(6, "mail items without copies of their event's owner and access type; mail_items a view", """
            CREATE TABLE mail_item_rows (
                record_id VARCHAR NOT NULL,
                time TIMESTAMP NOT NULL,
                folder_id VARCHAR,
                folder_path VARCHAR,
                internet_message_id VARCHAR,
                size_bytes BIGINT,
                immutable_id VARCHAR
            );
            INSERT INTO mail_item_rows
                SELECT record_id, time, folder_id, folder_path, internet_message_id, size_bytes, immutable_id FROM mail_items;
            DROP TABLE mail_items;
            CREATE VIEW mail_items AS
                SELECT m.record_id, m.time, e.mailbox_owner_upn, e.mail_access_type AS access_type, m.folder_id,
                       m.folder_path, m.internet_message_id, m.size_bytes, m.immutable_id
                FROM mail_item_rows m LEFT JOIN events e USING (record_id);
            """),
    ];
}
