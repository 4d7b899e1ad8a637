/**
 * Workflow support shared by the capabilities' processes: the step runner ({@link io.stackgate.workflow.Step}: a
 * savepoint, the job's retries, undo and the BPMN error that starts compensation), typed process variables and
 * failure causes that fit their columns. Knows the engine, no capability.
 */
package io.stackgate.workflow;
