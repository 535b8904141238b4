package com.avgym.desk;

import com.avgym.client.ClientListener;
import com.avgym.client.ConnectionSnapshot;
import com.avgym.desk.viewmodel.BannerViewModel;
import com.avgym.desk.viewmodel.CheckInDeskViewModel;
import com.avgym.desk.viewmodel.DashboardViewModel;
import com.avgym.desk.viewmodel.HistoryRowText;
import com.avgym.desk.viewmodel.HistoryViewModel;
import com.avgym.desk.viewmodel.MemberCardText;
import com.avgym.desk.viewmodel.MemberCardViewModel;
import com.avgym.desk.viewmodel.MemberSearchViewModel;
import com.avgym.desk.viewmodel.PhotoLoader;
import com.avgym.desk.viewmodel.RecentScans;
import com.avgym.desk.viewmodel.ReviewsViewModel;
import com.avgym.protocol.message.UserView;
import com.avgym.desk.viewmodel.ScanGateway;
import com.avgym.desk.viewmodel.ResultPanelText;
import com.avgym.desk.viewmodel.ScanResultText;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The front-desk application: one window with the connection banner on top of every screen and, below it,
 * the sign-in view first and the check-in desk after sign-in. Only the centre swaps, so the banner and the
 * window-level scanner filter stay in place.
 * Everything that touches the network or disk goes through {@link com.avgym.client.ConnectionService},
 * whose answers come back here with {@link Platform#runLater}.
 */
public final class DeskApp implements WindowApp {
    private static final Logger log = LoggerFactory.getLogger(DeskApp.class);
    static final String CHECK_IN = "Check-in";

    private final DeskContext context;
    private BorderPane shell;
    private MainView main;
    private Supplier<MainView> mainFactory;
    private SignInView signIn;
    private StackPane signInPane;
    private CheckInDeskViewModel desk;
    private DeskHeader header;
    private BorderPane deskPane;
    private Timeline ticker;

    /** {@link DeskLauncher} and the UI tests build it with its context and call {@link #start} on the UI thread. */
    public DeskApp(DeskContext context) {
        this.context = context;
    }


    /** Builds the window on {@code stage} and shows it; on the UI thread. */
    @Override
    public void start(Stage stage) {
        Thread.currentThread().setUncaughtExceptionHandler(new ErrorBoundary(() -> mainShown() ? main : null));
        BannerViewModel banner = new BannerViewModel(context.zone(), context.pollInterval());
        Clock clock = Clock.system(context.zone());
        ServiceLookups lookups = new ServiceLookups(context.service(), clock);
        DashboardViewModel dashboard = new DashboardViewModel(lookups,
                Clock.systemUTC(), context.zone(), Platform::runLater);
        context.service().addListener(dashboard);
        // Every scan and check-out this desk sends goes through the dashboard's recorder: its own visits make no toast.
        ScanGateway gateway = dashboard.recording(new ServiceScanGateway(context.service(), context.location()));
        SoundSetting sound = SoundSetting.forThisUser();
        desk = new CheckInDeskViewModel(gateway, new ScanResultText(clock), new ResultPanelText(clock), new FxUiDelay(),
                new SoundChime(sound).load(), Platform::runLater);
        MemberCardViewModel card = new MemberCardViewModel(lookups, desk, new MemberCardText(clock), Platform::runLater);
        MemberSearchViewModel search = new MemberSearchViewModel(lookups, new FxUiDelay(), Platform::runLater, card::show,
                clock);
        HistoryViewModel history = new HistoryViewModel(lookups, gateway, new ScanResultText(clock),
                new HistoryRowText(clock), new FxUiDelay(), Platform::runLater, clock);
        ReviewsViewModel reviews = new ReviewsViewModel(lookups, Clock.systemUTC(), context.zone(), Platform::runLater);
        context.service().addListener(new LiveFeed(Platform::runLater, desk, card, history, reviews));
        PhotoLoader photos = new PhotoLoader(lookups, Clock.systemUTC());
        RecentScans recent = new RecentScans(desk, clock);
        BannerBar bannerBar = new BannerBar(banner, context.service(), this::showSignIn);
        // Built at the first sign-in, not here: the screens' controls (table, chart) cost a second or more of
        // class loading and layout on a desk PC, and the sign-in window should be up before that.
        mainFactory = () -> new MainView(List.of(
                new ViewHost(CHECK_IN, () -> new CheckInDeskView(desk, search, card, sound, photos, recent)),
                new ViewHost("Dashboard", () -> new DashboardView(dashboard, reviews)),
                new ViewHost("History", () -> new HistoryView(history, photos))));
        signIn = new SignInView(context, this::showDesk);
        header = new DeskHeader(() -> DeskShortcuts.showDialog(stage), this::signOut);
        signInPane = new StackPane(signIn.root());
        shell = new BorderPane(signInPane);
        shell.setTop(bannerBar.root());

        Scene scene = new Scene(shell, 1100, 720);
        scene.getStylesheets().add(Objects.requireNonNull(DeskApp.class.getResource("desk.css")).toExternalForm());
        // Scans before sign-in have nowhere to go, and the sign-in fields keep their keys.
        KeyboardWedgeFilter.install(scene, this::mainShown, code -> {
            main.show(CHECK_IN);
            desk.scanned(code);
        });

        DeskShortcuts.install(scene, this::mainShown, new DeskShortcuts.Actions() {
            @Override
            public void focusScanner() {
                focusOnCheckIn("#scanner-field");
            }

            @Override
            public void focusSearch() {
                focusOnCheckIn("#member-search");
            }

            @Override
            public void showTab(int index) {
                main.showIndex(index);
            }

            @Override
            public void clearResult() {
                desk.clearResult();
            }
        });

        context.service().addListener(new ClientListener() {
            @Override
            public void onSnapshot(ConnectionSnapshot snapshot) {
                Platform.runLater(() -> banner.update(snapshot, Instant.now()));
            }
        });
        // The countdown changes with the clock, not with snapshots; a quarter-second tick keeps "4 s ... 1 s"
        // within 250 ms of the truth (the view-model only notifies when the text actually changes).
        ticker = new Timeline(new KeyFrame(Duration.millis(250), e -> banner.tick(Instant.now())));
        ticker.setCycleCount(Animation.INDEFINITE);
        ticker.play();

        stage.setTitle("AV-Gym Desk");
        stage.setScene(scene);
        stage.show();
        signIn.focus();
        // Launch-time figure (and the installer test's sign that the window is up): JVM start to window shown.
        log.info("sign-in window shown {} ms after JVM start",
                java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime());
    }

    private void buildMain() {
        if (main == null) {
            main = mainFactory.get();
        }
    }

    private boolean mainShown() {
        return main != null && deskPane != null && shell.getCenter() == deskPane;
    }

    private void showDesk(UserView user) {
        buildMain();
        if (deskPane == null) {
            deskPane = new BorderPane(main.root());
            deskPane.setTop(header.root());
        }
        header.signedIn(user);
        shell.setCenter(deskPane);
        log.info("check-in desk shown");
        focusOnCheckIn("#scanner-field");
    }

    private void focusOnCheckIn(String selector) {
        main.show(CHECK_IN);
        // The tabs' contents exist only once the TabPane has its skin: lay out first, or the lookup finds nothing
        // and the focus stays on the banner's button, where typed numbers go nowhere.
        shell.applyCss();
        shell.layout();
        Node field = main.lookup(selector);
        if (field != null) {
            field.requestFocus();
        }
    }

    /**
     * Sign out: the service revokes the session and stops; scans still queued stay on disk and go to the server
     * after the next sign-in, which the sign-in window says.
     */
    private void signOut() {
        log.info("signing out");
        context.service().signOut();
        header.signedIn(null);
        showSignIn();
        context.service().pendingScans().thenAccept(list -> Platform.runLater(() -> signIn.showWaiting(list.size())));
    }

    /** Session expired: sign in again. The service keeps its queued scans across the new sign-in. */
    private void showSignIn() {
        signIn.showWaiting(0);
        shell.setCenter(signInPane);
        signIn.focus();
    }

    /** The window has closed. The launcher closes the connection service afterwards, off the UI thread. */
    @Override
    public void stop() {
        if (ticker != null) {
            ticker.stop();
        }
    }
}
