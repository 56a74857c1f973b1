package io.solarmrv.creation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class InternalErrorHandlerTest {
    @Test
    void aFailureIsAnIncidentIdWithoutItsMessage() {
        HttpResponse<Problem> response = new InternalErrorHandler().handle(HttpRequest.POST("/devices", ""),
                new SQLException("duplicate key value violates unique constraint \"devices_meter_serial\": SN-SECRET"));
        Problem problem = response.body();
        assertEquals(500, problem.status());
        assertTrue(problem.detail().matches("the service failed on this request; its log holds the reason under incident"
                + " [0-9a-f-]{36}"), problem.detail());
        assertFalse(problem.detail().contains("SN-SECRET"));
        assertEquals("/devices", problem.instance());
    }
}
