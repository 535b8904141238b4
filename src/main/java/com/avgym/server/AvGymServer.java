package com.avgym.server;

import com.avgym.server.auth.AuthService;
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
import com.avgym.server.http.ApiRoutes;
import com.avgym.server.http.PhotoRoutes;
import com.avgym.server.http.Router;
import com.avgym.server.photo.MemberPhotos;
import com.avgym.server.ws.ConnectionRegistry;
import com.avgym.server.ws.SocketLimits;
import com.avgym.server.ws.UpgradeGate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SizeLimitHandler;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.Callback;
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
    private final ServerMetrics metrics = new ServerMetrics();
    private final String generatedDemoPassword;

    private AvGymServer(ServerConfig config) throws Exception {
        this.config = config;
        try {
            Files.createDirectories(config.dataDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data dir " + config.dataDir(), e);
        }
        this.db = Database.open(config.jdbcUrl(), config.dataDir());
        GymCalendar calendar = new GymCalendar(config.clock(), config.zone());
        PasswordHasher hasher = new PasswordHasher(config.passwordIterations());
        UserStore users = new UserStore(db, config.clock());
        TokenService tokens = new TokenService(SigningKey.loadOrCreate(config.dataDir()), config.clock(),
                config.accessTokenTtl(), config.refreshTokenTtl());
        this.auth = new AuthService(db, users, tokens, hasher, config.clock());
        this.generatedDemoPassword = config.demo() ? DemoData.seedIfEmpty(db, users, hasher, calendar, config.demoPassword()) : null;

        EventLog events = new EventLog(db);
        MemberDirectory members = new MemberDirectory(db, calendar);
        this.checkIns = new CheckInService(db, events, members, new StatsQuery(calendar), calendar);
        this.scheduler = Executors.newScheduledThreadPool(1, Thread.ofPlatform().name("avgym-timer").daemon().factory());
        SocketLimits limits = config.socketLimits();
        this.sockets = new ConnectionRegistry(events, checkIns, auth, metrics, scheduler, config.clock(), limits);
        auth.onSessionRevoked(sockets::closeSession);
        auth.onUserChanged(sockets::closeUser);
        this.housekeeping = new Housekeeping(db, checkIns, events, calendar, config.maxVisit());
        housekeeping.run();
        scheduler.scheduleWithFixedDelay(housekeeping, 30, 30, TimeUnit.SECONDS);

        Router router = ApiRoutes.register(new Router(auth, reason -> metrics.increment("avgym_auth_failures_total", reason)),
                auth, checkIns, members, new VisitQueries(db, calendar), events, metrics, sockets::isDraining);
        PhotoRoutes.register(router, new MemberPhotos(db, config.clock()));
        this.jetty = buildJetty(router, new UpgradeGate(auth, sockets), limits);
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
        AvGymServer server = new AvGymServer(config);
        try {
            if (bound != null) {
                ((ServerConnector) server.jetty.getConnectors()[0]).open(bound);
            }
            server.jetty.start();
        } catch (Exception e) {
            server.close();
            throw e;
        }
        log.info("listening on {}", server.baseUrl());
        return server;
    }

    private Server buildJetty(Router router, UpgradeGate gate, SocketLimits limits) {
        QueuedThreadPool threads = new QueuedThreadPool(200, 4);
        threads.setName("avgym-http");
        Server server = new Server(threads);
        ServerConnector connector = new ServerConnector(server);
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
        SizeLimitHandler bodyLimit = new SizeLimitHandler(64 * 1024, -1);
        bodyLimit.setHandler(router);
        // Photo uploads (up to 2 MiB) skip the 64 KiB JSON limit: their route reads a bounded body itself.
        Pattern photoPath = Pattern.compile(PhotoRoutes.PATH_REGEX);
        ws.setHandler(new Handler.Wrapper(bodyLimit) {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                if (photoPath.matcher(Request.getPathInContext(request)).matches()) {
                    return router.handle(request, response, callback);
                }
                return super.handle(request, response, callback);
            }
        });
        GracefulHandler graceful = new GracefulHandler(ws);
        context.setHandler(graceful);
        server.setHandler(context);
        return server;
    }

    public int port() {
        return ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
    }

    public String baseUrl() {
        return "http://" + config.host() + ":" + port();
    }

    public String wsUrl() {
        return "ws://" + config.host() + ":" + port() + WS_PATH;
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

    public Database database() {
        return db;
    }

    /** Graceful stop: new upgrades 503, commands in flight finish, sockets closed with 1012. */
    public void stop() {
        sockets.drain(5_000);
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
        db.close();
        log.info("server stopped");
    }
}
