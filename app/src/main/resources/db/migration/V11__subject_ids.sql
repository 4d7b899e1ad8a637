-- Who someone is, for ownership and separation of duties, is the token's subject (sub): a username can be renamed or
-- given to someone else later. The usernames stay beside, for display. Rows from before take the username as their id
-- (the best that can be told now; the dev realm's and Keycloak's users keep their usernames).

alter table resource_request add requester_id varchar(255) null;
update resource_request set requester_id = requester;
create index ix_request_requester_id on resource_request (requester_id);

alter table approval_decision add decided_by_id varchar(255) null;
update approval_decision set decided_by_id = decided_by;
create index ix_decision_request_by_id on approval_decision (request_id, decided_by_id);

alter table vm_instance add owner_id varchar(255) null;
update vm_instance set owner_id = owner_name;
