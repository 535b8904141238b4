package com.avgym.desk;

import com.avgym.client.ClientListener;
import com.avgym.client.ConnectionSnapshot;
import com.avgym.desk.viewmodel.KioskResultText;
import com.avgym.desk.viewmodel.KioskScreen;
import com.avgym.desk.viewmodel.KioskViewModel;
import com.avgym.desk.viewmodel.PhotoLoader;
import java.time.Clock;
import java.util.Objects;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Unattended self check-in: one full-screen window with no tabs, menus or exit hint, where Escape does nothing. A
 * member scans a card (the scanner types into the window, as at the desk) and the answer fills the screen. Staff
 * sign the device account in on the first start, and again when its session is refused ("Out of service"); they
 * leave kiosk mode with {@link #EXIT_CHORD} and an admin or staff password. Scans queued offline stay on disk when
 * the kiosk closes.
 */
public final class KioskApp implements WindowApp {
    private static final Logger log = LoggerFactory.getLogger(KioskApp.class);
    /** Staff only: opens the exit dialog. Documented in the README ("Kiosk"). */
    public static final KeyCombination EXIT_CHORD = KeyCombination.keyCombination("Ctrl+Alt+Shift+E");
    static final String SETUP = "Kiosk setup: sign in with the device account";
    static final String OUT_OF_SERVICE = "Out of service: staff sign-in needed";
    static final String NOT_A_DEVICE = "Sign in with the kiosk's device account (role kiosk), not a staff account";
    private static final String DEVICE_ROLE = "kiosk";

    private final KioskContext context;
    private KioskViewModel model;
    private KioskView view;
    private StaffExitDialog exit;
    private StackPane staffLayer;
    private Label staffHeading;
    private SignInView signIn;
    private Timeline ticker;

    public KioskApp(KioskContext context) {
        this.context = Objects.requireNonNull(context);
    }

    @Override
    public void start(Stage stage) {
        // Logged and carried on: a member must never see a stack trace, and the screen resets itself after each scan.
        Thread.currentThread().setUncaughtExceptionHandler(new ErrorBoundary(() -> null));
        DeskContext desk = context.desk();
        Clock clock = Clock.system(desk.zone());
        ServiceLookups lookups = new ServiceLookups(desk.service(), clock);
        SoundSetting sound = SoundSetting.forThisUser();
        model = new KioskViewModel(new ServiceScanGateway(desk.service(), desk.location()), new KioskResultText(clock),
                context.delay(), new SoundChime(sound).load(), Platform::runLater, clock);
        view = new KioskView(model, context.gymName(), new PhotoLoader(lookups, Clock.systemUTC()));
        exit = new StaffExitDialog(context.staffCheck(), () -> {
            log.info("kiosk mode left by staff");
            stage.close();
        });
        signIn = new SignInView(desk, "AV-Gym Kiosk", "kiosk", user -> {
            if (DEVICE_ROLE.equals(user.role())) {
                showKiosk();
                return;
            }
            // A staff or admin session would stay on an unattended screen, and be saved on its disk: not here.
            log.warn("kiosk sign-in as {} ({}) turned down: a kiosk runs on a device account", user.username(), user.role());
            desk.service().signOut();
            signIn.showError(NOT_A_DEVICE);
        });
        staffHeading = new Label(SETUP);
        staffHeading.setId("kiosk-staff-heading");
        staffHeading.getStyleClass().add("kiosk-out-of-service");
        staffHeading.setWrapText(true);
        staffHeading.setAlignment(Pos.CENTER);
        VBox staffBox = new VBox(16, staffHeading, signIn.root());
        staffBox.setAlignment(Pos.CENTER);
        staffBox.setPadding(new Insets(24));
        staffBox.setMaxWidth(720);
        staffLayer = new StackPane(staffBox);
        staffLayer.getStyleClass().add("kiosk-staff");
        staffLayer.setId("kiosk-staff");

        StackPane root = new StackPane(view.root(), staffLayer, exit.root());
        Scene scene = new Scene(root, 1280, 800);
        scene.getStylesheets().add(Objects.requireNonNull(DeskApp.class.getResource("desk.css")).toExternalForm());
        scene.getStylesheets().add(Objects.requireNonNull(KioskApp.class.getResource("kiosk.css")).toExternalForm());
        KeyboardWedgeFilter.install(scene, this::scanning, model::scanned);
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (EXIT_CHORD.match(e)) {
                e.consume();
                exit.open();
            } else if (scanning()) {
                model.activity();
            }
        });
        // The chord's own character follows its key press; it must not land in the dialog's username field.
        scene.addEventFilter(KeyEvent.KEY_TYPED, e -> {
            if (e.isControlDown() && e.isAltDown() && e.isShiftDown() && "e".equalsIgnoreCase(e.getCharacter())) {
                e.consume();
            }
        });
        scene.addEventFilter(MouseEvent.MOUSE_PRESSED, e -> {
            if (scanning()) {
                model.activity();
            }
        });
        desk.service().addListener(new ClientListener() {
            @Override
            public void onSnapshot(ConnectionSnapshot snapshot) {
                Platform.runLater(() -> connection(snapshot));
            }
        });
        ticker = new Timeline(new KeyFrame(Duration.seconds(1), e -> model.tick()));
        ticker.setCycleCount(Animation.INDEFINITE);
        ticker.play();

        stage.setTitle("AV-Gym Kiosk");
        stage.setScene(scene);
        stage.setFullScreenExitHint("");
        stage.setFullScreenExitKeyCombination(KeyCombination.NO_MATCH);
        stage.setFullScreen(context.fullScreen());
        stage.show();
        showStaffSignIn(SETUP);
        log.info("kiosk window shown {} ms after JVM start",
                java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime());
        // A restart goes on with the device session saved by the last run; only without one do staff sign in.
        desk.service().resumeSavedSession().thenAccept(resumed -> Platform.runLater(() -> {
            if (resumed && model.screen().kind() != KioskScreen.Kind.OUT_OF_SERVICE) {
                log.info("kiosk resumed its saved device session");
                showKiosk();
            }
        }));
    }

    /** Whether member scans are taken now: the kiosk screen is up and no staff form has the keyboard. */
    private boolean scanning() {
        return !staffLayer.isVisible() && !exit.isOpen();
    }

    private void connection(ConnectionSnapshot snapshot) {
        model.connection(snapshot);
        // Also over the setup screen: a saved session the server refuses at start is out of service, not set-up.
        if (model.screen().kind() == KioskScreen.Kind.OUT_OF_SERVICE && !OUT_OF_SERVICE.equals(staffHeading.getText())) {
            log.warn("kiosk out of service: the device session needs a sign-in ({} scans kept)", snapshot.pendingCount());
            showStaffSignIn(OUT_OF_SERVICE);
        }
    }

    private void showStaffSignIn(String heading) {
        staffHeading.setText(heading);
        Nodes.show(staffLayer, true);
        signIn.focus();
    }

    private void showKiosk() {
        staffHeading.setText(SETUP);
        Nodes.show(staffLayer, false);
        model.signedIn();
        // Nothing focusable has the keyboard: the scanner's keys reach the window, where the wedge filter reads them.
        view.root().requestFocus();
        log.info("kiosk ready: \"Scan your card\" shown {} ms after JVM start",
                java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime());
    }

    @Override
    public void stop() {
        if (ticker != null) {
            ticker.stop();
        }
    }
}
