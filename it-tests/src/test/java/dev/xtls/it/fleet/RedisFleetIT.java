package dev.xtls.it.fleet;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.it.openssl.TicketKeyFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two Xtls server JVMs sharing a real redis-server as their session-id cache (-Ddev.xtls.sessionCache, sessions
 * sealed with the shared ticket key file) and a client that resumes by id only ({@code s_client -no_ticket}): a
 * session made on one JVM resumes on the other (RFC 5246 §7.3); with Redis gone, connections keep working.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RedisFleetIT {
    @TempDir
    Path dir;

    @Test
    void sessionIdResumesOnAnotherJvmThroughRedisAndHandshakesGoOnWhenRedisStops() {
        Fleet fleet = new Fleet(dir);
        Path keys = TicketKeyFile.write(dir.resolve("ticket.keys"), TicketKeyFile.newKey());
        Path session = dir.resolve("session.pem");
        try (RedisServer redis = RedisServer.start(dir)) {
            // 2 s, not 0.5: a cold JVM's first Redis round trip exceeded 0.5 s once on the loaded 2-core machine
            Map<String, String> properties = Map.of("dev.xtls.sessionTicketKeys", keys.toString(),
                    "dev.xtls.sessionCache", redis.location(Duration.ofSeconds(2)));
            try (FleetServer one = fleet.server("jvm1", properties);
                    FleetServer two = fleet.server("jvm2", properties)) {
                assertFalse(fleet.connect(one, "-no_ticket", "-sess_out", session.toString()).reused());
                assertTrue(fleet.connect(two, "-no_ticket", "-sess_in", session.toString()).reused(),
                        "JVM 2 found JVM 1's session in Redis\n" + one.describe() + "\n" + two.describe());

                redis.close();
                for (int i = 0; i < 3; i++) {
                    assertFalse(fleet.connect(one, "-no_ticket").reused(), "a full handshake without Redis");
                    assertFalse(fleet.connect(two, "-no_ticket").reused(), "a full handshake without Redis");
                }
                fleet.connect(two, "-no_ticket", "-sess_in", session.toString());
                assertFalse(one.stderr().contains("connection failed") || two.stderr().contains("connection failed"),
                        one.describe() + "\n" + two.describe());
            }
        }
    }
}
