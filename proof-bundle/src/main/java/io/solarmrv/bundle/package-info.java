/**
 * The proof bundle an auditor checks with {@code mrv verify}: its JSON form ({@link
 * io.solarmrv.bundle.ProofBundleJson}) and its export from the results database for a claim
 * ({@link io.solarmrv.bundle.ProofBundleExporter}). Shared by the creation service, which serves
 * bundles, and the launcher, which reads them.
 */
package io.solarmrv.bundle;
