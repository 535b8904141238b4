package com.avgym.server;

import com.avgym.server.auth.AuthService;
import com.avgym.server.auth.LocalSignInThrottle;
import com.avgym.server.cluster.ControlChannel;
import com.avgym.server.cluster.DedicatedConnections;
import com.avgym.server.auth.PasswordHasher;
import com.avgym.server.auth.SigningKey;
import com.avgym.server.auth.TokenService;
import com.avgym.server.auth.UserStore;
import com.avgym.server.checkin.CheckInService;
import com.avgym.server.checkin.EventLog;
import com.avgym.server.checkin.GymCalendar;
import com.avgym.server.checkin.Housekeeping;
import com.avgym.server.checkin.MemberDirectory;
import com.avgym.server.checkin.StatsQuery;
import com.avgym.server.checkin.VisitQueries;
import com.avgym.server.db.Database;
import com.avgym.server.fanout.PgListener;
import com.avgym.server.http.ApiRoutes;
import com.avgym.server.http.JsonErrorHandler;
import com.avgym.server.http.MemberRoutes;
import com.avgym.server.http.MetricsEndpoint;
import com.avgym.server.http.PhotoRoutes;
import com.avgym.server.http.ReviewRoutes;
import com.avgym.server.http.Router;
import com.avgym.server.http.SecurityHeaders;
import com.avgym.server.photo.MemberPhotos;
import com.avgym.server.roster.MemberEditor;
import com.avgym.server.roster.RosterQuery;
import com.avgym.server.tls.ServerCertificate;
import com.avgym.server.tls.TlsConnectors;
import com.avgym.server.ws.ConnectionRegistry;
import com.avgym.server.ws.SocketLimits;
import com.avgym.server.ws.UpgradeGate;
import com.avgym.server.storage.DataDirLock;
import com.avgym.server.storage.PrivateFiles;
import java.nio.channels.ServerSocketChannel;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The check-in server: REST and WebSocket on one Jetty port over one database. The CLI runs it as a
 * process; the desk app and the tests run it in-process on a loopback port.
 */
public final class AvGymServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AvGymServer.class);
    public static final String WS_PATH = "/ws/checkins/";

    private final ServerConfig config;
    private final Database db;
    private final Server jetty;
    private final ScheduledExecutorService scheduler;
    private final ConnectionRegistry sockets;
    private final AuthService auth;
    private final CheckInService checkIns;
    private final Housekeeping housekeeping;
    private final ServerMetrics metrics;
    private final String generatedDemoPassword;
    private final ServerCertificate certificate;
    private final DataDirLock lock;
    private final Router router;
    private final String nodeId = java.util.UUID.randomUUID().toString();
    private final ControlChannel control;
    private final PgListener listener;

    private AvGymServer(ServerConfig config, DataDirLock lock) throws Exception {
        this.config = config;
        this.lock = lock;
        config.transport().refusal(config.host()).ifPresent(why -> {
            throw new IllegalStateException(why);
        });
        config.transport().warning(config.host()).ifPresent(log::warn);
        this.certificate = config.transport().tls() ? config.transport().certificate(config.dataDir(), config.host()) : null;
        this.db = Database.open(config.jdbcUrl(), config.dataDir());
        this.metrics = new ServerMetrics();
        db.meterPool(metrics.poolMetrics());
        GymCalendar calendar = new GymCalendar(config.clock(), config.zone());
        PasswordHasher hasher = new PasswordHasher(config.passwordIterations());
        UserStore users = new UserStore(db, config.clock());
        TokenService tokens = new TokenService(SigningKey.loadOrCreate(config.dataDir()), config.clock(),
                config.accessTokenTtl(), config.refreshTokenTtl());
        DedicatedConnections dedicated = db.isSqlite() ? null : new DedicatedConnections(db.jdbcUrl(), nodeId);
        this.control = ControlChannel.open(db, nodeId, dedicated);
        this.auth = new AuthService(db, users, tokens, hasher, config.clock(), new LocalSignInThrottle(config.clock()),
                control);
        this.generatedDemoPassword = config.demo() ? DemoData.seedIfEmpty(db, users, hasher, calendar, config.demoPassword()) : null;

        EventLog events = new EventLog(db);
        MemberDirectory members = new MemberDirectory(db, calendar);
        this.checkIns = new CheckInService(db, events, members, new StatsQuery(calendar), calendar);
        this.scheduler = Executors.newScheduledThreadPool(1, Thread.ofPlatform().name("avgym-timer").daemon().factory());
        SocketLimits limits = config.socketLimits();
        this.sockets = new ConnectionRegistry(events, checkIns, auth, metrics, scheduler, config.clock(), limits);
        this.listener = db.isSqlite() ? null : new PgListener(db, sockets::eventsMayExist);
        if (listener != null) {
            listener.start();
        }
        auth.onSessionRevoked(sockets::closeSession);
        auth.onUserChanged(sockets::closeUser);
        control.onReconnected(() -> sockets.revalidate(auth::closeCodeFor));
        checkIns.reviews().onChange(sockets::reviewsChanged);
        this.housekeeping = new Housekeeping(db, checkIns, events, calendar, config.maxVisit());
        housekeeping.run();
        long every = Housekeeping.INTERVAL.toMillis();
        scheduler.scheduleWithFixedDelay(housekeeping, every, every, TimeUnit.MILLISECONDS);

        Router router = ApiRoutes.register(new Router(auth, reason -> metrics.increment("avgym_auth_failures_total", reason),
                        config.http()),
                auth, checkIns, members, new VisitQueries(db, calendar), events, metrics, sockets::isDraining);
        router.add("GET", "/metrics", Router.Access.PUBLIC,
                MetricsEndpoint.forHost(config.host(), config.metricsToken(), auth, metrics::render));
        PhotoRoutes.register(router, new MemberPhotos(db, config.clock(), sockets::memberUpdated));
        RosterQuery roster = new RosterQuery(db, config.clock());
        housekeeping.alsoEachRun(roster::pruneRemovals);
        MemberRoutes.register(router, roster, new MemberEditor(db, members, calendar, sockets::memberUpdated));
        ReviewRoutes.register(router, checkIns.reviews());
        this.router = router;
        this.jetty = buildJetty(router, new UpgradeGate(auth, sockets, config.http()), limits);
        metrics.bindJetty(jetty);
    }

    /** Opens the database (migrating it), seeds demo data if asked, and starts listening. */
    public static AvGymServer start(ServerConfig config) throws Exception {
        return start(config, null);
    }

    /**
     * As {@link #start(ServerConfig)}, serving on a channel the caller already bound (its address wins over the
     * config's). The desk binds its loopback port before opening its window, so the client knows where to connect
     * while this server is still migrating and seeding; connections wait in the backlog meanwhile.
     */
    public static AvGymServer start(ServerConfig config, ServerSocketChannel bound) throws Exception {
        PrivateFiles.createPrivateDirectory(config.dataDir());
        // Only SQLite needs it: on PostgreSQL several servers (issue 12) share one database by design.
        DataDirLock lock = usesSqlite(config) ? DataDirLock.acquire(config.dataDir()) : null;
        AvGymServer server;
        try {
            server = new AvGymServer(config, lock);
        } catch (Exception | Error e) {
            if (lock != null) {
                lock.close();
            }
            throw e;
        }
        try {
            if (bound != null) {
                ((ServerConnector) server.jetty.getConnectors()[0]).open(bound);
            }
            server.jetty.start();
        } catch (Exception e) {
            server.close();
            throw e;
        }
        server.certificateFingerprint().ifPresent(fp -> log.info("TLS certificate ({}) SHA-256 fingerprint {}",
                server.certificate.origin(), fp));
        log.info("listening on {}", server.baseUrl());
        return server;
    }

    private static boolean usesSqlite(ServerConfig config) {
        return config.jdbcUrl() == null || config.jdbcUrl().isBlank() || config.jdbcUrl().startsWith("jdbc:sqlite:");
    }

    private Server buildJetty(Router router, UpgradeGate gate, SocketLimits limits) {
        QueuedThreadPool threads = new QueuedThreadPool(200, 4);
        threads.setName("avgym-http");
        Server server = new Server(threads);
        // HSTS only when the one connector is TLS: a browser must never be told to insist on HTTPS for plain HTTP.
        SecurityHeaders headers = new SecurityHeaders(certificate != null);
        server.setErrorHandler(new JsonErrorHandler(headers));
        ServerConnector connector = certificate != null
                ? TlsConnectors.create(server, headers.httpConfiguration(), certificate)
                : new ServerConnector(server, new HttpConnectionFactory(headers.httpConfiguration()));
        connector.setIdleTimeout(config.http().idleTimeout().toMillis());
        connector.setHost(config.host());
        connector.setPort(config.port());
        server.addConnector(connector);
        server.setStopTimeout(5_000);

        ContextHandler context = new ContextHandler("/");
        WebSocketUpgradeHandler ws = WebSocketUpgradeHandler.from(server, context, container -> {
            container.setMaxTextMessageSize(limits.maxFrameBytes());
            container.setMaxBinaryMessageSize(limits.maxFrameBytes());
            // Our own heartbeat check closes silent sockets first (4408); this is only a backstop.
            container.setIdleTimeout(limits.idleLimit().plusSeconds(30));
            container.addMapping(WS_PATH, gate);
            container.addMapping(WS_PATH.substring(0, WS_PATH.length() - 1), gate);
        });
        // Body limits are the router's, per route (64 KiB of JSON; a photo upload 2 MiB).
        ws.setHandler(router);
        GracefulHandler graceful = new GracefulHandler(ws);
        context.setHandler(graceful);
        server.setHandler(context);
        return server;
    }

    public int port() {
        return ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
    }

    public String baseUrl() {
        return (certificate != null ? "https://" : "http://") + config.host() + ":" + port();
    }

    public String wsUrl() {
        return (certificate != null ? "wss://" : "ws://") + config.host() + ":" + port() + WS_PATH;
    }

    /** SHA-256 of the certificate served over TLS, as desks pin it; empty for plain HTTP. */
    public Optional<String> certificateFingerprint() {
        return Optional.ofNullable(certificate).map(ServerCertificate::fingerprint);
    }

    /** The certificate served over TLS (where it came from, whether self-signed); empty for plain HTTP. */
    public Optional<ServerCertificate> certificate() {
        return Optional.ofNullable(certificate);
    }

    /** Every REST route this server answers (tests walk them all). */
    public java.util.List<Router.RouteInfo> routes() {
        return router.routes();
    }

    public ServerConfig config() {
        return config;
    }

    /** The demo password generated on this start (empty when it came from config or no seeding happened). */
    public Optional<String> generatedDemoPassword() {
        return Optional.ofNullable(generatedDemoPassword);
    }

    public AuthService auth() {
        return auth;
    }

    public CheckInService checkIns() {
        return checkIns;
    }

    public ServerMetrics metrics() {
        return metrics;
    }

    public Housekeeping housekeeping() {
        return housekeeping;
    }

    public int openSockets() {
        return sockets.size();
    }

    /** Per-user socket slots held: open sockets plus accepted upgrades not yet open. */
    public int socketSlotsInUse() {
        return sockets.slotsInUse();
    }

    /** The PostgreSQL LISTEN connection's backend pid (0 on SQLite or while reconnecting); tests terminate it. */
    public int eventListenerPid() {
        return listener == null ? 0 : listener.backendPid();
    }

    /** The last seq sent to this process's sockets. */
    public long lastBroadcastSeq() {
        return sockets.lastBroadcastSeq();
    }

    /** Tests only: runs on the upgrade's thread before each greeting (a slow greeting, made on purpose). */
    public void beforeGreeting(Runnable hook) {
        sockets.beforeGreeting(hook);
    }

    public Database database() {
        return db;
    }

    /** This process's id among the nodes sharing the database (fresh on every start). */
    public String nodeId() {
        return nodeId;
    }

    /** The cluster control channel (tests wait for its LISTEN before acting on another node). */
    public ControlChannel control() {
        return control;
    }

    /**
     * Graceful stop: health and new upgrades 503 at once, commands in flight finish, sockets closed with 1012 spread
     * over the configured drain window.
     */
    public void stop() {
        sockets.drain(config.drainWindow());
        close();
    }

    /** Stops at once: Jetty closes open sockets with 1001 (going away). */
    @Override
    public void close() {
        try {
            jetty.stop();
        } catch (Exception e) {
            log.warn("jetty stop failed", e);
        }
        scheduler.shutdownNow();
        control.close();
        if (listener != null) {
            listener.close();
        }
        sockets.stopFanOut();
        db.close();
        metrics.close();
        if (lock != null) {
            lock.close();
        }
        log.info("server stopped");
    }
}
