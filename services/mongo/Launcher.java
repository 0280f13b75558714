// Local MongoDB wire-protocol server for development and tests (no Docker): mongo-java-server
// with its H2 (MVStore) backend keeping the data in one file. Started by scripts/services/mongo.sh.
//
// With the jars of services/mongo/pom.xml on the class path (the script compiles this file once
// into .services/mongo/classes; `java -cp '<libs>/*' Launcher.java ...` runs it as it is too):
//
//   Launcher <host> <port> <data-file>      serve until SIGTERM (-Dmongo.retentionMs=N: see below)
//   Launcher --check <host> <port> [secs]   a write/read round trip, retried until it works or
//                                           secs pass; exit 0 when it worked
//
// Two things differ from the library's own H2MongoServer, both needed by our stack:
//  - It announces MongoDB 6.0 (wire version 17). The library's newest built-in version is 5.0
//    (wire 8) and the Node driver 7 (under mongoose 9) refuses servers below wire 9.
//  - It commits the MVStore after every command. The H2 backend otherwise commits lazily (about
//    once a second), so acknowledged writes were lost when the process was killed.
// Like a standalone mongod it has no sessions, transactions or change streams.

import java.io.DataInputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;

import org.h2.mvstore.MVStoreTool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.MongoVersion;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;

public class Launcher {

    /** MongoDB 6.0: wire version 17 (the Node driver 7 needs at least 9, i.e. MongoDB 4.2). */
    static final MongoVersion MONGO_6_0 = new MongoVersion() {
        @Override
        public List<Integer> getVersionArray() {
            return List.of(6, 0, 0);
        }

        @Override
        public int getWireVersion() {
            return 17;
        }
    };

    public static void main(String[] args) throws Exception {
        if (args.length >= 1 && args[0].equals("--check")) {
            if (args.length < 3) {
                usage();
            }
            int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 30;
            System.exit(check(args[1], Integer.parseInt(args[2]), seconds));
        }
        if (args.length != 3) {
            usage();
        }
        serve(args[0], Integer.parseInt(args[1]), args[2]);
    }

    private static void usage() {
        System.err.println("usage: Launcher <host> <port> <data-file> | Launcher --check <host> <port> [seconds]");
        System.exit(2);
    }

    // ---------------------------------------------------------------------------------------
    // Server

    /**
     * The H2 backend, committed after every command so that an acknowledged write is in the
     * file before its reply leaves (the reply is sent after handleCommand returns). The commit
     * writes to the OS, not fsync: it survives the process being killed, not a power cut.
     */
    static final class DurableH2Backend extends H2Backend {

        DurableH2Backend(String fileName) {
            super(fileName);
        }

        @Override
        public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
            try {
                if (command.equalsIgnoreCase("hello")) {
                    // The library only knows the legacy isMaster. Drivers send `hello` when a
                    // Stable API version is set (and mongosh always does), so answer it too.
                    Document response = super.handleCommand(channel, databaseName, "isMaster", query);
                    response.remove("ismaster");
                    response.put("isWritablePrimary", Boolean.TRUE);
                    return response;
                }
                return super.handleCommand(channel, databaseName, command, query);
            } finally {
                // Also after a failed command: an ordered insert that fails on its 3rd document
                // has written the first two. Reads leave nothing unsaved and cost nothing here.
                if (getMvStore().hasUnsavedChanges()) {
                    commit();
                }
            }
        }
    }

    private static void serve(String host, int port, String dataFile) throws InterruptedException {
        configureLogging();
        Logger log = LoggerFactory.getLogger("mongo-launcher");

        File file = new File(dataFile).getAbsoluteFile();
        File dir = file.getParentFile();
        if (dir != null && !dir.isDirectory() && !dir.mkdirs()) {
            log.error("cannot create the data directory {}", dir);
            System.exit(1);
        }

        compact(file, log);

        DurableH2Backend backend;
        try {
            // Fails with "The file is locked" when another server already has this file open.
            backend = new DurableH2Backend(file.getPath());
        } catch (RuntimeException e) {
            log.error("cannot open the data file {}: {}", file, e.toString());
            System.exit(1);
            return;
        }
        backend.version(MONGO_6_0);
        // Freed chunks are reused only after the retention time. The MVStore default (45 s)
        // lets a sustained write burst grow the file by about 1 GB (4 writers, 70 s: 939 MB);
        // a shorter one bounds that. It must still outlast any single read of a collection
        // that is being rewritten meanwhile (old chunks are what such a read may still need),
        // and ours are test data sets scanned in milliseconds.
        int retentionMs = Integer.getInteger("mongo.retentionMs", 10_000);
        backend.getMvStore().setRetentionTime(retentionMs);

        MongoServer server = new MongoServer(backend);
        try {
            server.bind(host, port);
        } catch (RuntimeException e) {
            // bind() has already shut the server down and closed the backend.
            log.error("cannot listen on {}:{}: {}", host, port, e.getCause() != null ? e.getCause() : e);
            System.exit(1);
            return;
        }

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // SIGTERM / SIGINT: close clients, then the backend, which commits and closes the
            // MVStore so the file is left consistent.
            log.info("shutting down");
            try {
                server.shutdownNow();
            } catch (RuntimeException e) {
                log.error("error while shutting down", e);
            }
            log.info("stopped");
            stopped.countDown();
        }, "shutdown"));

        log.info("mongo-java-server listening on {}:{} (announces MongoDB {}, wire version {}), data file {}, pid {}",
            host, port, MONGO_6_0.toVersionString(), MONGO_6_0.getWireVersion(), file, ProcessHandle.current().pid());
        stopped.await();
    }

    /**
     * Rewrites the data file with only its live data before opening it. Committing after every
     * command writes one small MVStore chunk per write, and freed chunks are reused only after
     * the store's retention time (see serve), so a burst of writes grows the file by tens of MB
     * (2,000 single inserts: 76 MB) and nothing shrinks it again, not even a clean close.
     * Compacting writes a temporary file and renames it over the old one, so a crash in the
     * middle leaves the old file; compactCleanUp removes what such a crash left behind.
     */
    private static void compact(File file, Logger log) {
        MVStoreTool.compactCleanUp(file.getPath());
        if (!file.isFile()) {
            return;
        }
        long before = file.length();
        long started = System.nanoTime();
        try {
            MVStoreTool.compact(file.getPath(), false);
            log.info("compacted the data file: {} KiB -> {} KiB in {} ms", before / 1024, file.length() / 1024,
                (System.nanoTime() - started) / 1_000_000);
        } catch (RuntimeException e) {
            // Not fatal: the file is still the old, complete one. Opening it below reports
            // real damage; a locked file (server already running) is reported there too.
            log.warn("could not compact the data file {}, opening it as it is: {}", file, e.toString());
        }
    }

    /** slf4j-simple reads these once, at its first use; -D options on the command line win. */
    private static void configureLogging() {
        Map<String, String> defaults = Map.of(
            "org.slf4j.simpleLogger.logFile", "System.out",
            "org.slf4j.simpleLogger.defaultLogLevel", "info",
            "org.slf4j.simpleLogger.showDateTime", "true",
            "org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX",
            "org.slf4j.simpleLogger.showShortLogName", "true",
            // One line per client connect/disconnect is noise with connection pools.
            "org.slf4j.simpleLogger.log.de.bwaldvogel.mongo.wire.MongoWireProtocolHandler", "warn");
        defaults.forEach((key, value) -> {
            if (System.getProperty(key) == null) {
                System.setProperty(key, value);
            }
        });
    }

    // ---------------------------------------------------------------------------------------
    // Readiness check: a tiny OP_MSG client built on the server's own BSON codec, so that the
    // check needs no MongoDB driver. It proves the server accepts a write and reads it back.

    private static int check(String host, int port, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        String lastError = "no attempt";
        while (true) {
            try {
                System.out.println(roundTrip(host, port));
                return 0;
            } catch (IOException | RuntimeException e) {
                lastError = e.toString();
            }
            if (System.nanoTime() > deadline) {
                System.err.println("no answer from " + host + ":" + port + " within " + seconds + " s: " + lastError);
                return 1;
            }
            Thread.sleep(250);
        }
    }

    private static String roundTrip(String host, int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 2000);
            socket.setSoTimeout(10_000);
            Wire wire = new Wire(socket);

            Document hello = wire.command(new Document("isMaster", 1).append("$db", "admin"));
            int wireVersion = ((Number) hello.get("maxWireVersion")).intValue();
            if (wireVersion < 9) {
                throw new IllegalStateException("server announces wire version " + wireVersion + ", drivers need >= 9");
            }

            String db = "services_check";
            String token = UUID.randomUUID().toString();
            Document inserted = wire.command(new Document("insert", "roundtrip")
                .append("documents", List.of(new Document("_id", token)))
                .append("$db", db));
            if (((Number) inserted.get("n")).intValue() != 1) {
                throw new IllegalStateException("insert not acknowledged: " + inserted);
            }
            Document found = wire.command(new Document("find", "roundtrip")
                .append("filter", new Document("_id", token))
                .append("$db", db));
            List<?> batch = (List<?>) ((Document) found.get("cursor")).get("firstBatch");
            if (batch.size() != 1) {
                throw new IllegalStateException("the document just written was not read back: " + found);
            }
            wire.command(new Document("dropDatabase", 1).append("$db", db));
            return "ok: wrote and read back a document (server version "
                + wire.command(new Document("buildInfo", 1).append("$db", "admin")).get("version")
                + ", wire version " + wireVersion + ")";
        }
    }

    private static final class Wire {
        private static final int OP_MSG = 2013;
        private final Socket socket;
        private int requestId = 0;

        Wire(Socket socket) {
            this.socket = socket;
        }

        Document command(Document body) throws IOException {
            ByteBuf out = Unpooled.buffer();
            out.writeIntLE(0); // length, set below
            out.writeIntLE(++requestId);
            out.writeIntLE(0); // responseTo
            out.writeIntLE(OP_MSG);
            out.writeIntLE(0); // flag bits
            out.writeByte(0); // section kind 0: the command body
            BsonEncoder.encodeDocument(body, out);
            out.setIntLE(0, out.writerIndex());
            byte[] bytes = new byte[out.readableBytes()];
            out.readBytes(bytes);
            OutputStream os = socket.getOutputStream();
            os.write(bytes);
            os.flush();

            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] lengthBytes = new byte[4];
            in.readFully(lengthBytes);
            int length = Unpooled.wrappedBuffer(lengthBytes).readIntLE();
            byte[] rest = new byte[length - 4];
            in.readFully(rest);
            ByteBuf reply = Unpooled.wrappedBuffer(rest);
            reply.skipBytes(12); // requestID, responseTo, opCode
            reply.skipBytes(4); // flag bits
            reply.skipBytes(1); // section kind 0
            Document response = BsonDecoder.decodeBson(reply);
            if (!(response.get("ok") instanceof Number) || ((Number) response.get("ok")).doubleValue() != 1.0) {
                throw new IllegalStateException(body.keySet().iterator().next() + " failed: " + response);
            }
            return response;
        }
    }
}
