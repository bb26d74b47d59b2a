package com.aipasta.command.file;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.MongoDatabaseFactory;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(FilesProperties.class)
public class FileConfiguration {

    /** GridFS is always reachable, for the files written there before S3 was configured. */
    @Bean(destroyMethod = "close")
    public FileStores fileStores(FilesProperties properties, MongoDatabaseFactory mongo) {
        GridFsFileStore gridFs = new GridFsFileStore(mongo.getMongoDatabase());
        return properties.s3().configured() ? new FileStores(new S3FileStore(properties.s3()), gridFs)
                : new FileStores(gridFs);
    }

    @Bean
    public PendingUploads pendingUploads(MongoDatabaseFactory mongo) {
        return new PendingUploads(mongo.getMongoDatabase());
    }
}
