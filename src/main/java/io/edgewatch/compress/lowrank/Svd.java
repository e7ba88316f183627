package io.edgewatch.compress.lowrank;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.SingularOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/** Truncated SVD of a row-major matrix via EJML, split into two balanced factors A (rows×r) and B (r×cols). */
final class Svd {
    final double[] singular;
    private final DMatrixRMaj u;
    private final DMatrixRMaj w;
    private final DMatrixRMaj vt;

    Svd(float[] matrix, int rows, int cols) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < matrix.length; i++) {
            m.data[i] = matrix[i];
        }
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(rows, cols, true, true, true);
        if (!svd.decompose(m)) {
            throw new IllegalStateException("SVD did not converge for a " + rows + "x" + cols + " matrix");
        }
        u = svd.getU(null, false);
        w = svd.getW(null);
        vt = svd.getV(null, true);
        SingularOps_DDRM.descendingOrder(u, false, w, vt, true);
        int k = Math.min(rows, cols);
        singular = new double[k];
        for (int i = 0; i < k; i++) {
            singular[i] = w.get(i, i);
        }
    }

    /** U_r · sqrt(S_r), rows × r, row-major. */
    float[] left(int r) {
        int rows = u.numRows;
        float[] out = new float[rows * r];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < r; j++) {
                out[i * r + j] = (float) (u.get(i, j) * Math.sqrt(singular[j]));
            }
        }
        return out;
    }

    /** sqrt(S_r) · V_r^T, r × cols, row-major. */
    float[] right(int r) {
        int cols = vt.numCols;
        float[] out = new float[r * cols];
        for (int i = 0; i < r; i++) {
            double s = Math.sqrt(singular[i]);
            for (int j = 0; j < cols; j++) {
                out[i * cols + j] = (float) (vt.get(i, j) * s);
            }
        }
        return out;
    }
}
