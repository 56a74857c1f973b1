package io.solarmrv.creation;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.serde.ObjectMapper;
import java.io.IOException;

/**
 * A project registration's JSON body ({@code POST /projects}), read with the service's serde and
 * checked as the controller checks it before the database: the only ways out are an unreadable body
 * (an {@link IOException}, 400) and a 400 naming the field. Anything else would be a 500.
 */
class ProjectBodyFuzzTest {
    private static final ObjectMapper JSON = ObjectMapper.getDefault();

    @FuzzTest(maxExecutions = 1_000_000)
    void projectBodies(byte[] input) {
        Project submitted;
        try {
            submitted = JSON.readValue(input, Project.class);
        } catch (IOException unreadable) {
            return;
        }
        if (submitted == null) {
            return;   // an empty body: Micronaut answers 400 before the controller
        }
        try {
            ProjectController.checked(submitted);
        } catch (HttpStatusException e) {
            if (e.getStatus() != HttpStatus.BAD_REQUEST || e.getMessage() == null || e.getMessage().isBlank()) {
                throw new AssertionError("refused with " + e.getStatus() + " and no reason", e);
            }
        }
    }
}
