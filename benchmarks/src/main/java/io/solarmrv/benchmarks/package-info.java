/** JMH benchmarks of the evidence layer; how to run them and the results are in docs/BENCHMARKS.md. */
package io.solarmrv.benchmarks;
