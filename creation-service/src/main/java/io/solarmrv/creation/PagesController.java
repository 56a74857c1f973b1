package io.solarmrv.creation;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import java.net.URI;

/** The service's root leads a person to the pages ({@code /ui/}, static files calling the API). */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
public class PagesController {
    @Get
    public HttpResponse<Void> root() {
        return HttpResponse.seeOther(URI.create("/ui/index.html"));
    }
}
