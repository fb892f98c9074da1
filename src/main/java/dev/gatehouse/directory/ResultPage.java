package dev.gatehouse.directory;

import java.util.List;

/**
 * One page of a listing, SCIM style.
 *
 * @param totalResults how many items match the filter in all
 * @param startIndex   the 1-based position of the first item of this page
 */
public record ResultPage<T>(List<T> items, int totalResults, int startIndex) {
}
