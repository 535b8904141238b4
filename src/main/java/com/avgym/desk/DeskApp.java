package com.avgym.desk;

import com.avgym.client.ClientListener;
import com.avgym.client.ConnectionSnapshot;
import com.avgym.desk.viewmodel.BannerViewModel;
import com.avgym.desk.viewmodel.CheckInDeskViewModel;
import com.avgym.desk.viewmodel.ScanResultText;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The front-desk application: the sign-in view first, then the main window (banner on top, check-in desk
 * below). One scene; its root swaps between the two, so the window-level scanner filter stays installed.
 * Everything that touches the network or disk goes through {@link com.avgym.client.ConnectionService},
 * whose answers come back here with {@link Platform#runLater}.
 */
public final class DeskApp extends Application {
    private static final Logger log = LoggerFactory.getLogger(DeskApp.class);
    /** Set by {@link DeskLauncher} before {@link Application#launch}, which can only construct by reflection. */
    private static volatile DeskContext launchContext;

    private final DeskContext context;
    private Scene scene;
    private BorderPane main;
    private SignInView signIn;
    private StackPane signInPane;
    private CheckInDeskViewModel desk;
    private Timeline ticker;

    public DeskApp() {
        this(Objects.requireNonNull(launchContext, "DeskApp is started through DeskLauncher"));
    }

    /** For tests (TestFX builds the application itself). */
    public DeskApp(DeskContext context) {
        this.context = context;
    }

    static void setLaunchContext(DeskContext context) {
        launchContext = context;
    }

    @Override
    public void start(Stage stage) {
        Thread.currentThread().setUncaughtExceptionHandler((t, e) -> log.error("uncaught exception on the UI thread", e));
        BannerViewModel banner = new BannerViewModel(context.zone(), context.pollInterval());
        desk = new CheckInDeskViewModel(new ServiceScanGateway(context.service(), context.location()),
                new ScanResultText(Clock.system(context.zone())), Platform::runLater);
        BannerBar bannerBar = new BannerBar(banner, context.service(), this::showSignIn);
        CheckInDeskView deskView = new CheckInDeskView(desk);
        main = new BorderPane(deskView.root());
        main.setTop(bannerBar.root());
        main.setId("main-view");

        signIn = new SignInView(context, this::showMain);
        signInPane = new StackPane(signIn.root());
        scene = new Scene(signInPane, 760, 480);
        scene.getStylesheets().add(Objects.requireNonNull(DeskApp.class.getResource("desk.css")).toExternalForm());
        KeyboardWedgeFilter.install(scene, code -> {
            if (scene.getRoot() == main) {
                desk.scanned(code);
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
    }

    private void showMain() {
        scene.setRoot(main);
        main.lookup("#scanner-field").requestFocus();
    }

    /** Session expired: sign in again. The service keeps its queued scans across the new sign-in. */
    private void showSignIn() {
        scene.setRoot(signInPane);
        signIn.focus();
    }

    @Override
    public void stop() {
        // The launcher closes the connection service after launch() returns, off the UI thread.
        if (ticker != null) {
            ticker.stop();
        }
    }
}
