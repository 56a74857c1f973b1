/**
 * Who may do what. People sign in at {@code POST /login} with username and password and get a
 * JWT; machines send an API token ({@code mrv_...}) created by the registry administrator. Either
 * goes in {@code Authorization: Bearer}. Each account has one of the {@link
 * io.solarmrv.creation.access.Roles}; controllers say which roles reach each endpoint with
 * {@code @Secured}, and anything not annotated is refused.
 */
package io.solarmrv.creation.access;
