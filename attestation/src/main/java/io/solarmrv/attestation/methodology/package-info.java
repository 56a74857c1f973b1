/**
 * The methodologies this system computes: {@link io.solarmrv.attestation.methodology.Methodologies}
 * resolves the reference a project names ({@code TH_AM001 Ver1.0}) to a supported
 * {@link io.solarmrv.attestation.methodology.Methodology} version or to the reason it is refused.
 */
package io.solarmrv.attestation.methodology;
