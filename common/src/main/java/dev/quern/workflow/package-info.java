/**
 * Runs a {@link dev.quern.api.Workflow}: its jobs one after another, in the order of its steps,
 * through a {@link dev.quern.workflow.JobSubmitter} (an embedded cluster for {@code mr local}, any
 * cluster a {@link dev.quern.client.QuernClient} reaches).
 *
 * <p>The rules, as {@link dev.quern.workflow.WorkflowRunner} applies them to each step in turn:
 * <pre>
 *  OUT/_SUCCESS exists                 -> SKIPPED  (done by an earlier run; nothing is submitted)
 *  OUT exists, no _SUCCESS             -> REFUSED  (an error naming OUT; nothing in it is touched)
 *  OUT absent                          -> submitted; SUCCEEDED or FAILED by the job's final status,
 *                                         REFUSED when the cluster refuses the submit
 *  an earlier step neither SUCCEEDED
 *  nor SKIPPED                         -> NOT_RUN  (the first failure stops the run)
 * </pre>
 * {@link dev.quern.workflow.WorkflowCheck} makes the same output checks up front, and checks the
 * inputs that no earlier step produces, so that a CLI can refuse a workflow before starting anything.
 */
package dev.quern.workflow;
