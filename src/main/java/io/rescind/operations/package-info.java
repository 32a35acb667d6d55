/**
 * Operations: the figures an operator watches (cancels by API and outcome, refusals, approvals,
 * time to applied, outbox lag, action and webhook backlogs, dead letters), measured from outside
 * the engine and from the tables, so the engine carries no metrics code.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"cancellation", "orders"})
package io.rescind.operations;
