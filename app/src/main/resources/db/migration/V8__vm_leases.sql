-- compute: lease bookkeeping of a VM. The owner is asked to renew once per lease (renewal_asked_at, cleared when the
-- lease is extended); expiry stops the VM (lease_stopped_at), the end of the grace period decommissions it.

alter table vm_instance add renewal_asked_at timestamp null;
alter table vm_instance add lease_stopped_at timestamp null;
