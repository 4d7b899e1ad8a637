package io.stackgate.identity;

import java.util.Set;

/** The port through which identity learns which tenants exist (implemented by tenancy). */
public interface TenantDirectory {

    Set<String> allTenantIds();
}
