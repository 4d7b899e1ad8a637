package io.stackgate.kubernetes.nodes;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The names two tasks of {@code join-k8s-node} called their delegates by before the delegates were named after the
 * tasks: a join that was running when the app was upgraded still runs on the old process definition, which names them.
 */
@Configuration(proxyBeanMethods = false)
class FormerDelegateNames {

    @Bean
    static BeanFactoryPostProcessor formerJoinDelegateNames() {
        return beans -> {
            beans.registerAlias("createBootstrapToken", "prepareNode");
            beans.registerAlias("recordNodeJoined", "nodeJoined");
        };
    }
}
