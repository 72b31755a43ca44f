package dev.reaper.internal.ladder;

/**
 * What a rung acting on a hung thread right now would break besides the hung code, in two wordings.
 *
 * @param note       for the climb's notes and the live line when the rung acts anyway, e.g.
 *                   {@code "stopping it inside the static initializer of com.acme.Driver, which leaves ..."}
 * @param skipReason why the rung is left out when a harmless later rung is sure to come (in a fork
 *                   worker, the parent's kill); shown as {@code "<rung> rung skipped: <skipReason>"}
 */
record Hazard(String note, String skipReason) {
}
