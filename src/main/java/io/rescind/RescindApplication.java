package io.rescind;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class RescindApplication {

    public static void main(String[] args) {
        SpringApplication.run(RescindApplication.class, args);
    }
}
