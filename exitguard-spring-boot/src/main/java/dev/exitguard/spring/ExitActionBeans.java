package dev.exitguard.spring;

import dev.exitguard.api.ExitAction;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Hands the context's {@code ExitAction} beans to the guard once every singleton exists, before the
 * context starts its lifecycle (and its web server): a misconfigured one fails the start, naming
 * its bean. Beans can depend on anything, the {@code ExitGuard} bean included.
 */
final class ExitActionBeans implements SmartInitializingSingleton {

    private final ConfigurableApplicationContext context;

    ExitActionBeans(ConfigurableApplicationContext context) {
        this.context = context;
    }

    @Override
    public void afterSingletonsInstantiated() {
        ConfigurableListableBeanFactory beans = context.getBeanFactory();
        Map<String, ExitAction> actions = new LinkedHashMap<>();
        Map<String, String> sources = new LinkedHashMap<>();
        for (String name : beans.getBeanNamesForType(ExitAction.class, true, true)) {
            ExitAction action = beans.getBean(name, ExitAction.class);
            actions.put(name, action);
            sources.put(name, describe(beans, name, action));
        }
        SpringContextExit.of(context).registerBeanActions(actions, sources);
    }

    /** {@code Spring bean 'flushJournal' (com.acme.FlushJournal) defined in ...}, as the guard's messages cite it. */
    static String describe(ConfigurableListableBeanFactory beans, String name, ExitAction action) {
        String text = "Spring bean '" + name + "' (" + action.getClass().getName() + ")";
        try {
            BeanDefinition definition = beans.getBeanDefinition(name);
            String where = definition.getResourceDescription();
            if (definition.getFactoryMethodName() != null) {
                text += " from @Bean " + definition.getFactoryMethodName() + "()";
            }
            return where == null ? text : text + " defined in " + where;
        } catch (NoSuchBeanDefinitionException e) {
            // A singleton registered by hand has no definition.
            return text;
        }
    }
}
