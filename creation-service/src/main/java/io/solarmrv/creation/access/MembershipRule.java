package io.solarmrv.creation.access;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecuredAnnotationRule;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.rules.SecurityRuleResult;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.RouteMatch;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import org.reactivestreams.Publisher;

/**
 * Scopes every route to the projects and sites its caller belongs to ({@link Memberships}), before
 * {@code @Secured} checks the role. A route names what it acts on by its path variables, always
 * by these names: {@code {projectId}}, {@code {siteId}}, {@code {deviceId}}. A caller outside the
 * scope is refused (403, with the reason in {@link #REFUSAL}); one inside it, or on a route naming
 * none of them, is left to the role check. Routes naming a site or device only in their body check
 * it themselves ({@link OperatorScope}). The lookups run on the blocking executor, never on the
 * event loop.
 */
@Singleton
class MembershipRule implements SecurityRule<HttpRequest<?>> {
    /** The request attribute holding why the caller was refused, for the 403 problem's detail. */
    static final String REFUSAL = "solarmrv.access.refusal";

    private final Memberships memberships;
    private final ExecutorService blocking;

    MembershipRule(Memberships memberships, @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.memberships = memberships;
        this.blocking = blocking;
    }

    @Override
    public int getOrder() {
        return SecuredAnnotationRule.ORDER - 10;
    }

    @Override
    public Publisher<SecurityRuleResult> check(HttpRequest<?> request, Authentication authentication) {
        if (authentication == null || Memberships.isEverywhere(authentication.getRoles())) {
            return Publishers.just(SecurityRuleResult.UNKNOWN);
        }
        Map<String, Object> variables = RouteAttributes.getRouteMatch(request).map(RouteMatch::getVariableValues).orElse(Map.of());
        if (!variables.containsKey("projectId") && !variables.containsKey("siteId") && !variables.containsKey("deviceId")) {
            return Publishers.just(SecurityRuleResult.UNKNOWN);
        }
        boolean changes = request.getMethod() != HttpMethod.GET && request.getMethod() != HttpMethod.HEAD;
        return Publishers.fromCompletableFuture(CompletableFuture.supplyAsync(() -> {
            try {
                Optional<String> refusal = refusal(authentication.getName(), variables, changes);
                refusal.ifPresent(reason -> request.setAttribute(REFUSAL, reason));
                return refusal.isPresent() ? SecurityRuleResult.REJECTED : SecurityRuleResult.UNKNOWN;
            } catch (SQLException e) {
                throw new CompletionException(e);
            }
        }, blocking));
    }

    /** Why the principal may not reach what the route names; empty if it may, or if that does not exist (the route answers 404). */
    private Optional<String> refusal(String principal, Map<String, Object> variables, boolean changes) throws SQLException {
        Object projectId = variables.get("projectId");
        if (projectId != null && !memberships.isMember(projectId.toString(), principal)
                && memberships.exists(Memberships.Table.PROJECTS, projectId.toString())) {
            return Optional.of("'" + principal + "' is not a member of project " + projectId);
        }
        Object siteId = variables.get("siteId");
        if (siteId != null && !memberships.operatesSite(siteId.toString(), principal)
                && (changes || !memberships.monitorsAtSite(siteId.toString(), principal))
                && memberships.exists(Memberships.Table.SITES, siteId.toString())) {
            return Optional.of("'" + principal + "' is not an operator of site " + siteId
                    + (changes ? "" : " nor a member of a project monitoring a device there"));
        }
        Object deviceId = variables.get("deviceId");
        if (deviceId != null && !memberships.operatesDevice(deviceId.toString(), principal)
                && (changes || !memberships.monitorsDevice(deviceId.toString(), principal))
                && memberships.exists(Memberships.Table.DEVICES, deviceId.toString())) {
            return Optional.of("'" + principal + "' is not an operator of the site of device " + deviceId
                    + (changes ? "" : " nor a member of a project monitoring it"));
        }
        return Optional.empty();
    }
}
