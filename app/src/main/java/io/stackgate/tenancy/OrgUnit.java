package io.stackgate.tenancy;

import java.util.List;

/** A department of a tenant; {@code path} is its id path from the tenant's root, e.g. {@code engineering/platform}. */
public record OrgUnit(String id, String name, String path, List<OrgUnit> children) {

    public OrgUnit {
        children = List.copyOf(children);
    }
}
