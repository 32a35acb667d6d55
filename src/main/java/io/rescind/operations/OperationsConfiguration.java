package io.rescind.operations;

import io.micrometer.core.instrument.MeterRegistry;
import io.rescind.cancellation.CancellationDecisions;
import io.rescind.cancellation.CancellationEngine;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.simple.JdbcClient;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OperationsProperties.class)
class OperationsConfiguration {

    /**
     * The engine, observed from outside: the cancelling and deciding services are wrapped in a
     * proxy that counts what their commands answer ({@link CancelMetrics}). Static, and with the registry looked up lazily, so
     * that this post-processor does not pull the metrics infrastructure into existence early.
     */
    @Bean
    static BeanPostProcessor cancelMetricsOnTheEngine(ObjectProvider<MeterRegistry> registry) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (!(bean instanceof CancellationEngine) && !(bean instanceof CancellationDecisions)) {
                    return bean;
                }
                var proxy = new ProxyFactory(bean);
                proxy.setProxyTargetClass(true);
                proxy.addAdvice(new CancelMetrics(registry));
                return proxy.getProxy(bean.getClass().getClassLoader());
            }
        };
    }

    @Bean
    FilterRegistrationBean<RequestClock> requestClock() {
        var registration = new FilterRegistrationBean<>(new RequestClock());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    Backlogs backlogs(JdbcClient jdbc, OperationsProperties properties) {
        return new Backlogs(jdbc, properties.backlogRefresh());
    }
}
