package com.avgym.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.Test;

/**
 * Jetty's own 503 (its graceful handler once the server stops, the last part of a drain) carries Retry-After like
 * ours: without it 5-18% of the 503s desks and the load balancer saw in a drain had none.
 */
class JettyUnavailableTest {
    @Test
    void jettysOwn503CarriesRetryAfterAndTheDrainingCode() throws Exception {
        Server jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        jetty.addConnector(connector);
        jetty.setErrorHandler(new JsonErrorHandler(new SecurityHeaders(false)));
        jetty.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                Response.writeError(request, response, callback, 503);
                return true;
            }
        });
        jetty.start();
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/api/anything")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.headers().firstValue("Retry-After")).hasValue(
                    Long.toString(JsonErrorHandler.DRAINING_RETRY_AFTER_SECONDS));
            assertThat(r.body()).contains("SERVER_DRAINING");
        } finally {
            jetty.stop();
        }
    }
}
