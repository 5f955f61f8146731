/*
 * virtio-blk and virtio-net on the machine's backends (hw/block.h, hw/net.h). The
 * device models reach their storage and network through small I/O tables; this file
 * fills them with the backend APIs. It is apart from the devices so that a program
 * linking the devices with other I/O (the unit tests) does not pull the backends in.
 */
#include "hw/block.h"
#include "hw/net.h"
#include "hw/virtio.h"

static uint64_t bb_size(void *bb)
{
	return block_size(bb);
}

static bool bb_read_only(void *bb)
{
	return block_read_only(bb);
}

static int bb_read(void *bb, uint64_t offset, void *buf, size_t len)
{
	return block_read(bb, offset, buf, len);
}

static int bb_write(void *bb, uint64_t offset, const void *buf, size_t len)
{
	return block_write(bb, offset, buf, len);
}

static int bb_flush(void *bb)
{
	return block_flush(bb);
}

static const VirtioBlkIo block_backend_io = {bb_size, bb_read_only, bb_read, bb_write, bb_flush};

bool virtio_blk_new(VirtioMmio *slot, BlockBackend *bb, const char *serial)
{
	return virtio_blk_new_io(slot, &block_backend_io, bb, serial);
}

static void nb_send(void *nb, const uint8_t *frame, size_t len)
{
	net_backend_send(nb, frame, len);
}

static const VirtioNetIo net_backend_io = {nb_send};

bool virtio_net_new(VirtioMmio *slot, NetBackend *nb, const uint8_t mac[6])
{
	const NetClient *client = virtio_net_new_io(slot, &net_backend_io, nb, mac);
	if (!client)
		return false;
	net_backend_attach(nb, client);
	return true;
}
