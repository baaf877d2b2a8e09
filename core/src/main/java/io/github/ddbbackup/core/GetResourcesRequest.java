package io.github.ddbbackup.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.github.ddbbackup.core.internal.Validation;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The Resource Groups Tagging API's GetResources input (JSON 1.1, {@code ResourceGroupsTaggingAPI_20170126}), with the
 * members a table selection uses; every member optional ({@code null}). The API's compliance members are not sent.
 *
 * @param paginationToken     the {@code PaginationToken} of the previous page; 0..2048 characters
 * @param tagFilters          resources must carry every filter's key (with one of its values, if it lists any); at
 *                            most 50 filters, keys distinct
 * @param resourcesPerPage    page size, 1..100
 * @param resourceTypeFilters e.g. {@code dynamodb:table}; at most 100, each 1..256 characters
 */
public record GetResourcesRequest(
        @Nullable String paginationToken,
        @Nullable List<TagFilter> tagFilters,
        @Nullable Integer resourcesPerPage,
        @Nullable List<String> resourceTypeFilters) {

    /** The resource type of a DynamoDB table. */
    public static final String DYNAMODB_TABLE = "dynamodb:table";
    /** The largest page the API serves. */
    public static final int RESOURCES_PER_PAGE_MAX = 100;
    /** The most tag filters in one request (keys). */
    public static final int TAG_FILTERS_MAX = 50;
    /** The most values one tag filter may list. */
    public static final int TAG_FILTER_VALUES_MAX = 20;
    /** The longest pagination token. */
    public static final int PAGINATION_TOKEN_MAX = 2048;
    /** The most resource type filters. */
    public static final int RESOURCE_TYPE_FILTERS_MAX = 100;

    /**
     * Validates every member; lists are copied.
     *
     * @throws RequestValidationException when a member breaks the API reference's constraints
     */
    public GetResourcesRequest {
        if (paginationToken != null && paginationToken.length() > PAGINATION_TOKEN_MAX) {
            throw new RequestValidationException("PaginationToken", paginationToken,
                    "length 0.." + PAGINATION_TOKEN_MAX);
        }
        Validation.range("ResourcesPerPage", resourcesPerPage, 1, RESOURCES_PER_PAGE_MAX);
        if (tagFilters != null) {
            if (tagFilters.size() > TAG_FILTERS_MAX) {
                throw new RequestValidationException("TagFilters", tagFilters.size() + " filters",
                        "at most " + TAG_FILTERS_MAX);
            }
            Set<String> keys = new HashSet<>();
            for (TagFilter filter : tagFilters) {
                if (filter == null) {
                    throw new RequestValidationException("TagFilters", null, "no null filter");
                }
                if (!keys.add(filter.key())) {
                    throw new RequestValidationException("TagFilters.Key", filter.key(),
                            "each key once (list its values in one filter)");
                }
            }
            tagFilters = List.copyOf(tagFilters);
        }
        if (resourceTypeFilters != null) {
            if (resourceTypeFilters.size() > RESOURCE_TYPE_FILTERS_MAX) {
                throw new RequestValidationException("ResourceTypeFilters", resourceTypeFilters.size() + " types",
                        "at most " + RESOURCE_TYPE_FILTERS_MAX);
            }
            for (String type : resourceTypeFilters) {
                if (type == null || type.isEmpty() || type.length() > 256) {
                    throw new RequestValidationException("ResourceTypeFilters", type, "length 1..256");
                }
            }
            resourceTypeFilters = List.copyOf(resourceTypeFilters);
        }
    }

    /** The first page of DynamoDB tables carrying every one of {@code tagFilters}, 100 a page. */
    public static GetResourcesRequest tables(List<TagFilter> tagFilters) {
        return new GetResourcesRequest(null, tagFilters, RESOURCES_PER_PAGE_MAX, List.of(DYNAMODB_TABLE));
    }

    /** The same request for the page that {@code token} points to. */
    public GetResourcesRequest nextPage(String token) {
        return new GetResourcesRequest(token, tagFilters, resourcesPerPage, resourceTypeFilters);
    }

    /**
     * One tag filter: a resource matches when it carries {@code key}, with one of {@code values} if any are listed.
     *
     * @param key    the tag key, 1..128 characters
     * @param values the accepted values (at most 20, each 0..256 characters); empty: any value (not sent)
     */
    public record TagFilter(String key, @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> values) {

        /** The longest tag key. */
        public static final int KEY_MAX = 128;
        /** The longest tag value. */
        public static final int VALUE_MAX = 256;

        /** @throws RequestValidationException when the key or a value breaks the API's constraints */
        public TagFilter {
            if (key == null || key.isEmpty() || key.length() > KEY_MAX) {
                throw new RequestValidationException("TagFilter.Key", key, "length 1.." + KEY_MAX);
            }
            values = values == null ? List.of() : values;
            if (values.size() > TAG_FILTER_VALUES_MAX) {
                throw new RequestValidationException("TagFilter.Values", values.size() + " values",
                        "at most " + TAG_FILTER_VALUES_MAX);
            }
            for (String value : values) {
                if (value == null || value.length() > VALUE_MAX) {
                    throw new RequestValidationException("TagFilter.Values", value, "length 0.." + VALUE_MAX);
                }
            }
            values = List.copyOf(values);
        }

        /** The key with any value. */
        public static TagFilter anyValue(String key) {
            return new TagFilter(key, List.of());
        }

        /** The key with exactly this value. */
        public static TagFilter of(String key, String value) {
            return new TagFilter(key, List.of(value));
        }
    }
}
