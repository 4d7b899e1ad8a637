package io.stackgate.requests.process;

import java.time.Clock;
import java.time.Instant;

import io.stackgate.requests.RequestEvents.RequesterNotified;
import io.stackgate.requests.RequestService;
import io.stackgate.requests.ResourceRequest;
import io.stackgate.workflow.Variables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Service task "Notify requester": publishes {@link RequesterNotified}; delivery channels (mail, chat)
 * subscribe to it.
 */
@Component("notifyRequester")
class NotifyRequester implements JavaDelegate {

    private final RequestService requests;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    NotifyRequester(RequestService requests, ApplicationEventPublisher events, Clock clock) {
        this.clock = clock;
        this.requests = requests;
        this.events = events;
    }

    @Override
    public void execute(DelegateExecution execution) {
        ResourceRequest request = requests.load(Variables.REQUEST_ID.get(execution));
        events.publishEvent(new RequesterNotified(request.id(), request.requester(), request.status(), request.outcome(),
                clock.instant()));
    }
}
