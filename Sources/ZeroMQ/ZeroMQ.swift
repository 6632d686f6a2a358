/// Work in progress: the ZeroMQ module is being built in this session.
enum ZeroMQModule {}
