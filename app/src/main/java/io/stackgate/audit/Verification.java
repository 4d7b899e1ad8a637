package io.stackgate.audit;

/**
 * What recomputing the chain found.
 *
 * @param valid       every row links to the one before, hashes to its stored hash, matches the head and every
 *                    signed checkpoint
 * @param checked     how many rows were recomputed
 * @param head        the head as stored
 * @param firstBroken the first sequence that does not hold (a row altered, missing, inserted), or null
 * @param reason      what is wrong there, or null
 */
public record Verification(boolean valid, long checked, ChainHead head, Long firstBroken, String reason) {
}
