/**
 * A reduce-side sort-merge join with secondary sort ({@link dev.quern.examples.join.Join}) and a chain
 * of jobs on top of it ({@link dev.quern.examples.join.PageDemographics}). The composite key:
 *
 * <pre>
 *  +-----------------------------+-----------------------------------+
 *  | user_id: UTF-8, 0..n bytes  | tag: 1 byte (0 profile, 1 event)  |
 *  +-----------------------------+-----------------------------------+
 *   sorted by (user_id bytes, tag); grouped and partitioned by user_id bytes only
 * </pre>
 *
 * Values are the rest of the record with a leading {@code 'P'} (profile: the birth year) or
 * {@code 'E'} (event: the page), because a {@code reduce} call sees only its group's first key.
 */
package dev.quern.examples.join;
