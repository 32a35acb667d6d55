package io.rescind.database;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The embedded PostgreSQL started when {@code spring.datasource.url} is not set.
 *
 * @param dataDir where the cluster lives; it survives restarts unless {@code clean} is set
 * @param port the port to listen on, 0 for any free one
 * @param clean wipe the data directory at start (tests)
 * @param maxConnections the server's {@code max_connections}
 * @param fsync whether PostgreSQL forces writes to disk; off only for throw-away data (tests)
 * @param supervise restart the server when its postmaster dies
 * @param superviseInterval how often the postmaster is looked at
 */
@ConfigurationProperties("rescind.database.embedded")
record EmbeddedDatabaseProperties(
        @DefaultValue("./data") Path dataDir,
        @DefaultValue("0") int port,
        @DefaultValue("false") boolean clean,
        @DefaultValue("200") int maxConnections,
        @DefaultValue("true") boolean fsync,
        @DefaultValue("true") boolean supervise,
        @DefaultValue("1s") java.time.Duration superviseInterval) {}
