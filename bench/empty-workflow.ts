// Baseline for the intake benchmark: a workflow that does nothing, so starting it costs the Temporal
// server exactly what accepting a start costs.
export async function emptyWorkflow(): Promise<void> {}
